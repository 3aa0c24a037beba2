"""Renderers of the outline (models.outline.build_outline); no Qt widgets.

    layout.py   the GB/T 9704 page and paragraph rules, the one place both renderers read
    fonts.py    font schemes 标准 / 系统自带, the default from the installed fonts (no Qt)
    oxml.py     small WordprocessingML helpers python-docx lacks
    docx.py     render_docx / iter_render_docx / write_docx: the Word document of an outline
    preview.py  render_html: the live preview for QTextDocument, with field addresses
"""
