"""The live preview: the outline as HTML for QTextBrowser / QTextDocument, laid out by layout.py.

Same rules as the Word export, read from the same place: fonts per role from the font scheme,
sizes, alignment, the 2-character first-line indent, exact line height, run-in 楷体 heading +
仿宋 body, the 落款 indents and the 主要数据一览 table. Only CSS that QTextDocument understands
is used: lengths in px (Qt ignores pt for indents and margins), ``-qt-line-height-type: fixed``,
``letter-spacing`` in px.

Addresses: each paragraph is ``<p id="ADDRESS">`` and its text sits in ``<a name="ADDRESS">``, so
``QTextBrowser.scrollToAnchor(address)`` shows a field, and a click maps back to a field through
the anchor names of the character formats (Qt puts a named anchor on the first character of the
anchor's text: walk the block's fragments and take the last anchor at or before the click). A run-in
item carries two anchors: ``item.<id>.heading`` on the number + heading sentence and
``item.<id>.body`` on the body. Blocks without an address (称呼, the table) carry none.

Set the document's text width to ``text_width_px()`` (and its document margin to 0) to get
28 characters a line as on paper.
"""

from __future__ import annotations

import html
from functools import partial

from export import layout as L
from export.fonts import FontScheme
from models import outline as ol
from models.checks import find_blanks
from models.text import clean_text

PX_PER_PT = 96 / 72  # CSS pixels per point (Qt's logical DPI is 96 on every platform it scales)


def text_width_px(px_per_pt: float = PX_PER_PT) -> float:
    """Width of the text area (156 mm) in preview pixels."""
    return L.TEXT_WIDTH_PT * px_per_pt


def _px(pt: float, px_per_pt: float) -> str:
    return f"{pt * px_per_pt:.2f}px"


def _font_css(scheme: FontScheme, role: str, size_pt: float, bold: bool, px_per_pt: float,
              font_px: bool = False) -> str:
    family = scheme.family(role)
    weight = 700 if bold else 400
    spacing = L.char_spacing(size_pt) / L.TWIPS_PER_PT
    size = _px(size_pt, px_per_pt) if font_px else f"{size_pt:g}pt"
    css = f"font-family:'{family}'; font-size:{size}; font-weight:{weight};"
    if spacing:
        css += f" letter-spacing:{_px(spacing, px_per_pt)};"
    return css


def _para_css(rule: L.ParaRule, px_per_pt: float, *, right_chars: float | None = None) -> str:
    right = rule.right_chars if right_chars is None else right_chars
    return ("margin-top:0px; margin-bottom:0px; margin-left:0px;"
            f" margin-right:{_px(right * L.CHAR_PITCH_PT, px_per_pt)};"
            f" text-indent:{_px(rule.first_line_chars * L.CHAR_PITCH_PT, px_per_pt)};"
            f" line-height:{rule.line_pt * px_per_pt:.0f}px; -qt-line-height-type:fixed;")


_ALIGN = {"justify": "justify", "center": "center", "left": "left", "right": "right"}


def _one_line(value: str) -> str:
    return " ".join(p.strip() for p in clean_text(value).split("\n") if p.strip())


BLANK_CSS = "background-color:#ffd6d6; color:#c00000;"  # a leftover 某某 / XX / □ on screen


def _text_of(value: str, mark_blanks: bool = False) -> str:
    text = _one_line(value)
    if not mark_blanks:
        return html.escape(text, quote=False)
    out: list[str] = []
    pos = 0
    for start, end, _blank in find_blanks(text):
        out.append(html.escape(text[pos:start], quote=False))
        out.append(f'<span style="{BLANK_CSS}">{html.escape(text[start:end], quote=False)}</span>')
        pos = end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _anchor(address: str, inner: str) -> str:
    if not address or not inner:
        return inner
    return f'<a name="{html.escape(address)}">{inner}</a>'


def _body_address(address: str) -> str:
    """item.<id>.heading → item.<id>.body (the body run of a run-in item)."""
    if address.startswith("item.") and address.endswith(".heading"):
        return address[: -len("heading")] + "body"
    return address


def render_html(blocks: list[ol.Block], scheme: FontScheme, *, bold_level3: bool = False,
                px_per_pt: float = PX_PER_PT, font_px: bool = False, mark_blanks: bool = False) -> str:
    """An HTML document of ``blocks`` for QTextDocument.setHtml().

    ``font_px``: font sizes in px at ``px_per_pt`` too (not pt), so a preview scaled down to fit a
    narrow pane shrinks its text with its indents and line heights and still holds 28 characters a line.
    ``mark_blanks``: leftover blanks (models.checks.find_blanks: XX, ***, 某某, □ …) on a red
    background, for the screen only (the Word export never marks them).
    """
    text = partial(_text_of, mark_blanks=mark_blanks)
    out: list[str] = []
    body_font = _font_css(scheme, L.BODY.role, L.BODY.size_pt, False, px_per_pt, font_px)
    blank = f'<p style="{_para_css(L.BODY, px_per_pt)} {body_font}">&nbsp;</p>'
    signature = {b.kind: _one_line(b.text) for b in blocks if b.kind in (ol.SIGN_UNIT, ol.SIGN_DATE)}
    unit_right, date_right = L.signature_indents(signature.get(ol.SIGN_UNIT, ""), signature.get(ol.SIGN_DATE, ""))
    title_open = False
    last_kind = ""
    for block in blocks:
        kind = block.kind
        if title_open and kind not in (ol.TITLE, ol.SUBTITLE):
            out.extend([blank] * L.BLANK_AFTER_TITLE)
            title_open = False
        rule = L.rule_for(block, bold_level3=bold_level3)
        bold = rule.bold or (rule.role == L.TITLE_FONT and scheme.title_bold)
        font = _font_css(scheme, rule.role, rule.size_pt, bold, px_per_pt, font_px)
        pid = f' id="{html.escape(block.address)}"' if block.address else ""
        align = _ALIGN[rule.align]

        def para(inner: str, css: str, *, pid: str = pid, align: str = align, font: str = font) -> str:
            return f'<p{pid} align="{align}" style="{css} {font}">{inner}</p>'

        if kind == ol.ITEM:
            head_font = _font_css(scheme, rule.head_role or rule.role, rule.size_pt, rule.head_bold, px_per_pt,
                                  font_px)
            head = _anchor(block.address, f'<span style="{head_font}">{text(block.number + block.heading)}</span>')
            body = _anchor(_body_address(block.address), text(block.text))
            out.append(para(head + body, _para_css(rule, px_per_pt)))
        elif kind == ol.HEADING:
            out.append(para(_anchor(block.address, text(block.plain)), _para_css(rule, px_per_pt)))
        elif kind == ol.TABLE:
            out.extend([blank] * L.BLANK_BEFORE_TABLE)
            out.append(para(_anchor(block.address, text(block.text)), _para_css(rule, px_per_pt)))
            out.append(_table(block.rows, scheme, px_per_pt, font_px, mark_blanks))
        elif kind in (ol.SIGN_UNIT, ol.SIGN_DATE):
            if last_kind not in (ol.SIGN_UNIT, ol.SIGN_DATE):
                out.extend([blank] * L.BLANK_BEFORE_SIGNATURE)
            right = unit_right if kind == ol.SIGN_UNIT else date_right
            out.append(para(_anchor(block.address, text(block.text)), _para_css(rule, px_per_pt, right_chars=right)))
        else:  # TITLE, SUBTITLE, SALUTATION, PARA
            out.append(para(_anchor(block.address, text(block.text)), _para_css(rule, px_per_pt)))
            title_open = title_open or kind in (ol.TITLE, ol.SUBTITLE)
        last_kind = kind
    if title_open:
        out.extend([blank] * L.BLANK_AFTER_TITLE)
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
            f'<body style="{body_font}">\n' + "\n".join(out) + "\n</body></html>")


def _table(rows: tuple[tuple[str, ...], ...], scheme: FontScheme, px_per_pt: float, font_px: bool = False,
           mark_blanks: bool = False) -> str:
    if not rows:
        return ""
    rule = L.TABLE_CELL
    ncols = max(len(r) for r in rows)
    shares = L.TABLE_COLUMNS if ncols == len(L.TABLE_COLUMNS) else (1 / ncols,) * ncols
    cells_css = _para_css(rule, px_per_pt)
    lines = ['<table border="1" cellspacing="0" cellpadding="4" align="center" width="100%"'
             ' style="border-collapse:collapse; border-color:#000000;">']
    for r, row in enumerate(rows):
        header = r == 0 and L.TABLE_HEADER_BOLD
        font = _font_css(scheme, rule.role, rule.size_pt, header, px_per_pt, font_px)
        cells = []
        for c in range(ncols):
            value = _text_of(row[c], mark_blanks) if c < len(row) else ""
            tag = "th" if r == 0 else "td"
            cells.append(f'<{tag} width="{shares[c] * 100:.0f}%" valign="middle">'
                         f'<p align="center" style="{cells_css} {font}">{value}</p></{tag}>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)
