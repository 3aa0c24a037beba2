"""Renderers of the outline (models.outline.build_outline); no Qt widgets.

    layout.py   the GB/T 9704 page and paragraph rules: arrange(blocks), the one place both renderers read
    fonts.py    font schemes 标准 / 系统自带, the default from the installed fonts (no Qt)
    oxml.py     small WordprocessingML helpers python-docx lacks
    docx.py     render_docx / iter_render_docx / write_docx: the Word document of an outline
    paged.py    the outline on pages (no Qt): lines, page breaks, page-level findings
    painter.py  draws those pages with QPainter (QtGui only): the preview, the PDF, the printer
    pdf.py      write_pdf: the pages as a PDF, fonts embedded
"""
