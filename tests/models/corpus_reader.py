"""Reads the checks corpora in tests/models/corpus/ (one case a line, ⟦…⟧ marks the expected span)."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
OPEN, CLOSE = "⟦", "⟧"


def lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def marked(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The sentence without the marks, and the (start, end) of every marked span in it."""
    out, spans, start = [], [], -1
    for ch in line:
        if ch == OPEN:
            start = len(out)
        elif ch == CLOSE:
            spans.append((start, len(out)))
        else:
            out.append(ch)
    return "".join(out), spans
