"""Text hygiene shared by input and export.

Pasted text carries Word soft breaks (\\x0b), form feeds, NULs and lone surrogates that
python-docx refuses ("All strings must be XML compatible"). Everything typed or imported
passes through ``clean_text`` so the stored text is always printable.
"""

from __future__ import annotations

import re

# C0 controls except \t and \n, plus DEL and C1 controls; \x0b/\x0c are mapped before this runs.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters XML 1.0 forbids even though they are not controls.
_NONCHAR = re.compile(r"[\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Normalise line endings, turn soft breaks into newlines, drop what XML cannot hold."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\x0b", "\n").replace("\x0c", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    value = _CONTROL.sub("", value)
    value = _SURROGATE.sub("", value)
    return _NONCHAR.sub("", value)


def paragraphs(value: str) -> list[str]:
    """Split a field into paragraphs: one per non-empty line, trimmed."""
    return [line.strip() for line in clean_text(value).split("\n") if line.strip()]


def count_chars(value: str) -> int:
    """Characters that print: whitespace is not counted (how officers count 字数)."""
    return sum(1 for ch in clean_text(value) if not ch.isspace())
