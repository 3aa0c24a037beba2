"""Opening an untrusted .docx safely: what kind of file it is, bounded reads, XML without DTDs.

A .docx is a zip of XML parts. A file from a colleague's USB stick can be anything: an old .doc
renamed, a password-protected file (an OLE compound file holding an encrypted package), a zip
whose one small part inflates to gigabytes, XML that declares entities to expand a few bytes into
millions. Every refusal is a ``WordImportError`` whose message is Chinese and says what to do;
nothing is written anywhere while reading.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

SAVE_AS = "请在 WPS 或 Word 中打开它，另存为 .docx（Word 文档）后再导入。"

MAX_PART_BYTES = 50 * 1024 * 1024  # one XML part, uncompressed: a 300-page summary is ~5 MB
MAX_ENTRIES = 10_000  # zip members (pictures included)
MAX_PARAGRAPHS = 20_000  # a long summary has 500
MAX_CHARS = 2_000_000
MAX_PENDING = 200_000  # XML tags inside one paragraph or table (a real one has hundreds)
PROLOG_SCAN = 64 * 1024  # a DOCTYPE must come before the root element, which is near the start

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")

# Extensions refused before the file is opened, with what the officer should do.
REFUSED_EXTENSIONS = {
    ".doc": "这是旧版 Word 文档（.doc），本程序只能读取 .docx。",
    ".wps": "这是 WPS 文字的专用格式（.wps），本程序只能读取 .docx。",
    ".wpt": "这是 WPS 文字模板（.wpt），不是一份总结。",
    ".pdf": "PDF 文件无法导入：PDF 只保存版面，读不出标题和段落的结构。若有原来的 Word 文件，请导入那个文件；",
    ".docm": "这是含有宏的 Word 文档（.docm），为安全起见不读取。",
    ".dotx": "这是 Word 模板（.dotx），不是一份总结。",
    ".dotm": "这是含有宏的 Word 模板（.dotm），为安全起见不读取。",
    ".dot": "这是旧版 Word 模板（.dot），不是一份总结。",
    ".rtf": "这是 RTF 格式文件，本程序只能读取 .docx。",
    ".odt": "这是 OpenDocument 文本（.odt），本程序只能读取 .docx。",
    ".txt": "这是纯文本文件，本程序只能读取 .docx。",
}

_MAIN_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAIN = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": REFUSED_EXTENSIONS[".docm"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": REFUSED_EXTENSIONS[".dotx"],
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": REFUSED_EXTENSIONS[".dotm"],
}


class WordImportError(Exception):
    """A file that cannot be imported; ``str(error)`` is the Chinese message for the officer."""


def refuse(reason: str, advice: str = SAVE_AS) -> WordImportError:
    return WordImportError(f"{reason}{advice}" if advice else reason)


def check_name(name: str) -> None:
    """Refuse by extension what is surely not a .docx (before reading a byte)."""
    suffix = Path(name).suffix.lower()
    if suffix in REFUSED_EXTENSIONS:
        raise refuse(REFUSED_EXTENSIONS[suffix])
    if suffix != ".docx":
        shown = suffix or "（无扩展名）"
        raise refuse(f"只能导入 Word 文档（.docx），这个文件是 {shown}。")


WORD_SUFFIXES = frozenset({".docx", *REFUSED_EXTENSIONS} - {".txt"})


def is_word_file(path: str | Path) -> bool:
    """Whether ``path`` is meant for 导入 Word 文件 rather than a report package (JSON): by its
    extension, or by its first bytes (a zip, an OLE compound file, a PDF, RTF). The reader then
    accepts it or says why not."""
    path = Path(path)
    if path.suffix.lower() in WORD_SUFFIXES:
        return True
    try:
        with open(path, "rb") as raw:
            head = raw.read(8)
    except OSError:
        return False  # the package reader says what is wrong with the path
    return head.startswith((*_ZIP_MAGIC, _OLE_MAGIC, b"%PDF", b"{\\rtf"))


def check_magic(head: bytes) -> None:
    """Tell what the first bytes say the file is, and refuse anything but a zip."""
    if not head:
        raise refuse("这个文件是空的（0 字节），没有可导入的内容。", "请确认选择的是写好的总结文件。")
    if head.startswith(_ZIP_MAGIC):
        return
    if head.startswith(_OLE_MAGIC):
        raise refuse("这个文件设置了打开密码，或者是旧版 .doc 文件改了扩展名，无法读取。",
                      "请在 WPS 或 Word 中打开它，如有密码先取消密码（文件→文档加密 / 保护文档），"
                      "再另存为 .docx 后导入。")
    if head.startswith(b"%PDF"):
        raise refuse(REFUSED_EXTENSIONS[".pdf"])
    if head.lstrip().startswith(b"{\\rtf"):
        raise refuse(REFUSED_EXTENSIONS[".rtf"])
    raise refuse("这个文件不是有效的 Word 文档（.docx），可能已损坏或只是改了扩展名。")


def _password_protected(head: bytes) -> bool:
    """An encrypted .docx is an OLE file with an "EncryptedPackage" stream (named in UTF-16)."""
    return "EncryptedPackage".encode("utf-16-le") in head


class DocxPackage:
    """The parts of a .docx this importer reads, each read with a cap on its real size."""

    def __init__(self, source: str | Path | bytes, name: str = "") -> None:
        if isinstance(source, (bytes, bytearray)):
            raw: IO[bytes] = io.BytesIO(bytes(source))
            self.name = name or "文件.docx"
        else:
            raw = open(source, "rb")  # noqa: SIM115 - closed in close()
            self.name = name or Path(source).name
        self._raw = raw
        try:
            head = raw.read(4096)
            if head.startswith(_OLE_MAGIC):
                raw.seek(0)
                if _password_protected(raw.read(1024 * 1024)):
                    raise refuse("这个文件设置了打开密码（已加密），无法读取。",
                                 "请在 WPS 或 Word 中输入密码打开，取消密码（文件→文档加密 / 保护文档→"
                                 "用密码进行加密，清空密码）后另存为 .docx 再导入。")
            check_magic(head)
            raw.seek(0)
            try:
                self.zip = zipfile.ZipFile(raw)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise refuse("这个文件不是完整的 Word 文档（压缩结构已损坏），可能没有下载或复制完整。") from exc
            infos = self.zip.infolist()
            if len(infos) > MAX_ENTRIES:
                raise refuse(f"这个文件内部包含 {len(infos)} 个部件，远多于正常的 Word 文档，为安全起见不读取。")
            self._infos = {i.filename: i for i in infos}
            self._check_content_type()
        except BaseException:
            raw.close()
            raise

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, part: str) -> bool:
        return part in self._infos

    def open_part(self, part: str) -> IO[bytes]:
        """A stream over one part that stops with a message once more than MAX_PART_BYTES come out,
        whatever the zip header declares."""
        info = self._infos.get(part)
        if info is None:
            raise refuse(f"这个文件缺少 Word 文档必需的部分（{part}），可能已损坏。")
        if info.flag_bits & 0x1:
            raise refuse("这个文件的内容已加密，无法读取。")
        if info.file_size > MAX_PART_BYTES:
            raise _too_big()
        try:
            return _CappedReader(self.zip.open(info), MAX_PART_BYTES)
        except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError) as exc:
            raise refuse("这个文件的压缩数据已损坏，无法读取。") from exc

    def read_part(self, part: str) -> bytes:
        with self.open_part(part) as stream:
            return stream.read()

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type suffix, target part name) of a part ('' for the package)."""
        folder = str(PurePosixPath(part).parent) if part else ""
        rels_name = f"{folder + '/' if folder and folder != '.' else ''}_rels/{PurePosixPath(part).name}.rels"
        if not self.has(rels_name):
            return {}
        root = parse_xml(self.read_part(rels_name), rels_name)
        out = {}
        for rel in root:
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = _normalise(f"{folder}/{target}" if folder and folder != "." else target)
            out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], resolved)
        return out

    def main_document(self) -> str:
        for rel_type, target in self.relationships("").values():
            if rel_type == "officeDocument" and self.has(target):
                return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise refuse("这个文件里找不到 Word 正文（word/document.xml），它可能不是 Word 文档或已损坏。")

    def _check_content_type(self) -> None:
        if not self.has("[Content_Types].xml"):
            raise refuse("这个压缩文件不是 Word 文档（缺少 [Content_Types].xml）。")
        root = parse_xml(self.read_part("[Content_Types].xml"), "[Content_Types].xml")
        types = {el.get("ContentType") for el in root}
        for content_type, message in _OTHER_MAIN.items():
            if content_type in types and _MAIN_DOCUMENT not in types:
                raise refuse(message)


def _normalise(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


def _too_big() -> WordImportError:
    return refuse(f"这个文件解压后的正文超过 {MAX_PART_BYTES // (1024 * 1024)} MB，远大于正常的工作总结，"
                  "可能是损坏或恶意构造的文件，为安全起见不读取。",
                  "请确认文件来源；如确是正常文档，请在 WPS 或 Word 中另存为新的 .docx 后再试。")


class _CappedReader(io.RawIOBase):
    """Passes a zip member through, raising once the uncompressed bytes pass the cap."""

    def __init__(self, inner: IO[bytes], cap: int) -> None:
        self._inner = inner
        self._cap = cap
        self._seen = 0
        # Tags ("<") read since the reader last dropped what it parsed: a bound on the elements held
        # in memory, checked here because a parser only reports an element once it is complete.
        self.tags = 0
        self.mark = 0
        self.tag_limit: int | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise refuse("这个文件的压缩数据已损坏（校验不符），可能没有下载或复制完整。") from exc
        self._seen += len(data)
        if self._seen > self._cap:
            raise _too_big()
        if self.tag_limit is not None:
            self.tags += data.count(b"<")
            if self.tags - self.mark > self.tag_limit:
                raise refuse("这个文件的一个段落或表格里有几十万个内部元素，结构异常，为安全起见不读取。")
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(1024 * 1024):
                chunks.append(chunk)
            return b"".join(chunks)
        buffer = bytearray(size)
        n = self.readinto(buffer)
        return bytes(buffer[:n])

    def close(self) -> None:
        self._inner.close()
        super().close()


# ---------------------------------------------------------------- XML without DTDs


def parser_options() -> dict[str, bool]:
    """lxml options for untrusted XML: no DTD, no entity expansion, no network, default size limits."""
    return {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False,
            "dtd_validation": False}


def check_prolog(head: bytes, part: str) -> None:
    """WordprocessingML never declares a DTD; one that does is refused before parsing."""
    text = head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore").encode("utf-8")
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        raise refuse(f"这个文件的内部数据（{part}）含有 DTD/实体声明，正常的 Word 文档不会有，"
                     "可能是恶意构造的文件，为安全起见不读取。",
                     "请确认文件来源；如确是正常文档，请在 WPS 或 Word 中另存为新的 .docx 后再试。")


def broken(part: str, exc: Exception) -> WordImportError:
    line = getattr(exc, "lineno", None)
    where = f"第 {line} 行" if line else ""
    return refuse(f"这个文件的内部数据（{part}{where}）已损坏，无法读取。")


def parse_xml(data: bytes, part: str) -> etree._Element:
    from lxml import etree  # here, so that telling a Word file by its name or bytes costs no XML library

    """A whole (small) part parsed safely."""
    check_prolog(data[:PROLOG_SCAN], part)
    parser = etree.XMLParser(**parser_options())
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise broken(part, exc) from exc
    if root is None:
        raise refuse(f"这个文件的内部数据（{part}）是空的，无法读取。")
    return root
