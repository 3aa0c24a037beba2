"""The live preview: the outline as HTML for QTextBrowser / QTextDocument, laid out by layout.py.

Same rules as the Word export, read from the same place: the paragraphs and the table as
``layout.arrange`` sets them (blank lines, the 落款 indents, the column shares of 主要数据一览),
fonts per role from the font scheme, sizes, alignment, the 2-character first-line indent, exact
line height, run-in 楷体 heading + 仿宋 body. Only CSS that QTextDocument understands
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


BLANK_CSS = "background-color:#ffd6d6; color:#c00000;"  # a leftover 某某 / XX / □ on screen


def _text_of(text: str, mark_blanks: bool = False) -> str:
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
    for item in L.arrange(blocks, bold_level3=bold_level3):
        if isinstance(item, L.Table):
            out.append(_table(item, scheme, px_per_pt, font_px, mark_blanks))
            continue
        block, rule = item.block, item.rule
        if block is None:
            out.append(blank)
            continue
        bold = rule.bold or (rule.role == L.TITLE_FONT and scheme.title_bold)
        font = _font_css(scheme, rule.role, rule.size_pt, bold, px_per_pt, font_px)
        pid = f' id="{html.escape(block.address)}"' if block.address else ""
        css = _para_css(rule, px_per_pt, right_chars=item.right)
        if block.kind == ol.ITEM:
            head_font = _font_css(scheme, rule.head_role or rule.role, rule.size_pt, rule.head_bold, px_per_pt,
                                  font_px)
            inner = (_anchor(block.address, f'<span style="{head_font}">{text(block.number + block.heading)}</span>')
                     + _anchor(_body_address(block.address), text(block.text)))
        else:
            inner = _anchor(block.address, text(item.text))
        out.append(f'<p{pid} align="{_ALIGN[rule.align]}" style="{css} {font}">{inner}</p>')
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
            f'<body style="{body_font}">\n' + "\n".join(out) + "\n</body></html>")


def _table(table: L.Table, scheme: FontScheme, px_per_pt: float, font_px: bool = False,
           mark_blanks: bool = False) -> str:
    rule = L.TABLE_CELL
    cells_css = _para_css(rule, px_per_pt)
    lines = ['<table border="1" cellspacing="0" cellpadding="4" align="center" width="100%"'
             ' style="border-collapse:collapse; border-color:#000000;">']
    for r, row in enumerate(table.rows):
        header = r == 0 and table.header_bold
        font = _font_css(scheme, rule.role, rule.size_pt, header, px_per_pt, font_px)
        tag = "th" if r == 0 else "td"
        cells = [f'<{tag} width="{share * 100:.0f}%" valign="middle">'
                 f'<p align="center" style="{cells_css} {font}">{_text_of(value, mark_blanks)}</p></{tag}>'
                 for value, share in zip(row, table.shares, strict=True)]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)
