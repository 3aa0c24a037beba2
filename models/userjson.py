"""Reading a JSON file someone hands the program (报告包, 提纲包): bounded in size, UTF-8 with or
without a BOM, nesting the parser survives, and a message that names the file and the kind of file."""

from __future__ import annotations

import json
from typing import Any


def load_user_json(raw: bytes | str, name: str, kind: str, max_bytes: int, error: type[Exception]) -> Any:
    """The parsed JSON of ``raw``; raises ``error`` with a Chinese message (``kind`` is 报告包 or 提纲包)."""
    if isinstance(raw, bytes):
        if len(raw) > max_bytes:
            raise error(f"{name} 超过{kind}大小上限 {max_bytes // 1024 // 1024} MB，不像是本程序导出的{kind}。")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise error(f"{name} 不是 UTF-8 编码的 JSON 文件，可能已损坏或不是{kind}。") from None
    try:
        return json.loads(raw)
    except RecursionError:
        raise error(f"{name} 的嵌套层次过深，不是有效的{kind}。") from None
    except json.JSONDecodeError as exc:
        where = f"第 {exc.lineno} 行第 {exc.colno} 列出错"
        raise error(f"{name} 不是完整的 JSON（{where}），文件可能被截断或损坏。") from None
