"""Text hygiene, and the two ways a field's text is split for printing.

Pasted text carries Word soft breaks (\\x0b), form feeds, NULs and lone surrogates that
python-docx refuses ("All strings must be XML compatible"). Text is cleaned once, where it enters
the service (ReportService.set_value / set_values / build_report, and the package reader), so
the stored text is always printable; the outline and the renderers take it as it is.
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
    """Split a field's (clean) text into paragraphs: one per non-empty line, trimmed."""
    return [line.strip() for line in value.split("\n") if line.strip()]


def one_line(value: str) -> str:
    """A field's (clean) text on one line: its paragraphs joined by a space (titles, headings, cells)."""
    return " ".join(paragraphs(value))


def count_chars(value: str) -> int:
    """Characters that print: whitespace is not counted (how officers count 字数)."""
    return sum(1 for ch in clean_text(value) if not ch.isspace())
