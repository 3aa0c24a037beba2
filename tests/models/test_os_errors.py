"""OS errors in Chinese with the remedy: never “Read-only file system” inside a Chinese sentence."""

from __future__ import annotations

import errno
import os
import re

import pytest

from models.atomic import WriteError, describe_write_error, error_text, os_error_text, write_bytes_atomic
from models.package import PackageError, read_package_file

ENGLISH = re.compile(r"[A-Za-z]{4,}")  # a word of the system's English text (WPS, Word and U盘 are fine)


def winerror(code: int, exc_type=OSError, number: int = errno.EACCES) -> OSError:
    exc = exc_type(number, "The process cannot access the file because it is being used by another process")
    exc.winerror = code  # what Windows puts there; Python on Linux has no such argument
    return exc


@pytest.mark.parametrize(("exc", "words"), [
    (OSError(errno.ENOSPC, "No space left on device"), ["磁盘空间不足", "清理"]),
    (OSError(errno.EROFS, "Read-only file system"), ["只读", "换一个保存位置"]),
    (PermissionError(errno.EACCES, "Permission denied"), ["没有权限", "文档"]),
    (OSError(errno.ENAMETOOLONG, "File name too long"), ["路径太长", "短一些"]),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), ["不存在", "U盘"]),
    (OSError(errno.EIO, "Input/output error"), ["读写磁盘时出错"]),
    (winerror(32, PermissionError), ["WPS", "关闭"]),  # a sharing violation: the file is open in WPS or Word
    (winerror(206), ["路径太长"]),
    (winerror(112, OSError, errno.ENOSPC), ["磁盘空间不足"]),
    (OSError(errno.EXDEV, "Invalid cross-device link"), ["错误代码 18", "再试"]),
])
def test_every_os_error_reads_in_chinese_with_what_to_do(exc, words):
    text = os_error_text(exc)
    assert all(w in text for w in words), text
    assert not ENGLISH.search(text.replace("WPS", "").replace("Word", ""))
    assert error_text(exc) == text


def test_reading_errors_speak_of_reading():
    assert "读取" in os_error_text(PermissionError(errno.EACCES, "Permission denied"), reading=True)
    assert "文件不存在" in os_error_text(FileNotFoundError(errno.ENOENT, "x"), reading=True)


def test_a_read_only_file_system_on_export(tmp_path, monkeypatch):
    import models.atomic

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(models.atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError) as caught:
        write_bytes_atomic(tmp_path / "总结.docx", b"x")
    message = str(caught.value)
    assert "只读" in message and "Read-only" not in message and "总结.docx" in message


def test_a_document_open_in_wps_or_word(tmp_path):
    target = tmp_path / "示例镇2024年上半年宣传工作总结.docx"
    target.write_bytes(b"old")
    (tmp_path / "~$镇2024年上半年宣传工作总结.docx").write_bytes(b"owner")  # Word's owner file
    message = describe_write_error(target, PermissionError(errno.EACCES, "Permission denied"))
    assert "正在被 Word 或 WPS 打开" in message
    assert "正在被 Word 或 WPS 打开" in describe_write_error(target, winerror(32, PermissionError))


def test_an_unknown_error_never_shows_english(tmp_path):
    message = describe_write_error(tmp_path / "a.docx", OSError(errno.EXDEV, "Invalid cross-device link"))
    assert "Invalid" not in message and "a.docx" in message


def test_package_read_errors_are_chinese(tmp_path, library):
    with pytest.raises(PackageError) as caught:
        read_package_file(tmp_path / "没有这个文件.json", library)
    assert "No such file" not in str(caught.value) and "不存在" in str(caught.value)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_written_document_is_readable_by_others_like_any_new_file(tmp_path):
    """The temp file behind the atomic write is private; the document it becomes must not be."""
    old = os.umask(0o022)
    try:
        target = tmp_path / "总结.docx"
        write_bytes_atomic(target, b"x")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)  # replacing a file keeps its own permissions
        write_bytes_atomic(target, b"y")
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
