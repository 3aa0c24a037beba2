"""Small WordprocessingML helpers python-docx 1.2 does not offer.

Each function edits one element and says which XML it writes. Elements inside w:pPr, w:rPr and
w:sectPr must appear in the schema's order or Word refuses the file ("unreadable content"), so
new children are inserted through python-docx's ``_insert_*`` / ``get_or_add_*`` methods where
they exist, and otherwise in front of the first sibling that must follow them.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Schema order of the w:pPr children we touch (CT_PPrBase), and of w:rPr (CT_RPr).
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
              "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_SECTPR_ORDER = ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                 "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                 "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                 "w:printerSettings", "w:sectPrChange")
_SETTINGS_ORDER = ("w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
                   "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
                   "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts",
                   "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins",
                   "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter",
                   "w:gutterAtTop", "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
                   "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
                   "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
                   "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
                   "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
                   "w:defaultTabStop", "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone",
                   "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
                   "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
                   "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
                   "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
                   "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
                   "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
                   "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
                   "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
                   "w:doNotValidateAgainstSchema",
                   "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
                   "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
                   "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults",
                   "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
                   "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                   "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                   "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                   "w:decimalSymbol", "w:listSeparator")


def _child(parent, tag: str, order: tuple[str, ...]):
    """The ``tag`` child of ``parent``, created in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    el = OxmlElement(tag)
    later = order[order.index(tag) + 1:] if tag in order else ()
    for sibling in parent:
        if _prefixed(sibling.tag) in later:
            sibling.addprevious(el)
            return el
    parent.append(el)
    return el


def _prefixed(clark: str) -> str:
    """'{http://…/main}spacing' → 'w:spacing' (only the prefixes used here)."""
    ns, _, local = clark[1:].partition("}")
    prefix = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
              "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
              "http://schemas.openxmlformats.org/schemaLibrary/2006/main": "sl"}.get(ns, "")
    return f"{prefix}:{local}"


def ppr_child(ppr, tag: str):
    return _child(ppr, tag, _PPR_ORDER)


def rpr_child(rpr, tag: str):
    return _child(rpr, tag, _RPR_ORDER)


def _on_off(el, value: bool) -> None:
    el.set(qn("w:val"), "1" if value else "0")


# ---------------------------------------------------------------- fonts


def set_fonts(rpr, family: str) -> None:
    """<w:rFonts w:ascii= w:hAnsi= w:eastAsia= w:cs=/>: one family for Latin, CJK and complex script.

    python-docx's ``font.name`` writes only ascii/hAnsi, so Chinese text would fall back to the
    theme's East-Asian font; the *Theme attributes (asciiTheme, eastAsiaTheme …) win over the
    explicit ones in Word and are removed.
    """
    rfonts = rpr_child(rpr, "w:rFonts")
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_size(rpr, pt: float) -> None:
    """<w:sz/> and <w:szCs/> in half-points."""
    for tag in ("w:sz", "w:szCs"):
        rpr_child(rpr, tag).set(qn("w:val"), str(round(pt * 2)))


def set_bold(rpr, bold: bool) -> None:
    for tag in ("w:b", "w:bCs"):
        _on_off(rpr_child(rpr, tag), bold)


def set_char_spacing(rpr, twips: int) -> None:
    """<w:spacing w:val=…/> in an rPr: extra space after each character, in twips (negative condenses)."""
    rpr_child(rpr, "w:spacing").set(qn("w:val"), str(twips))


def set_lang(rpr, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    lang = rpr_child(rpr, "w:lang")
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), "ar-SA")


def replace_theme_fonts(theme_part_xml: bytes, latin: str, east_asia: str) -> bytes:
    """Theme part with its major/minor East-Asian (and Latin) typefaces replaced.

    python-docx's template theme names Calibri/Cambria and an empty East-Asian face; WPS lists
    such theme fonts as missing. Text never uses them (every style names its fonts), but the
    dialogs do.
    """
    from lxml import etree

    root = etree.fromstring(theme_part_xml)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for font in root.iter(f"{a}majorFont", f"{a}minorFont"):
        for tag, face in ((f"{a}latin", latin), (f"{a}ea", east_asia)):
            el = font.find(tag)
            if el is not None:
                el.set("typeface", face)
        for el in font.findall(f"{a}font"):
            if el.get("script") == "Hans":
                el.set("typeface", east_asia)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- paragraphs


def set_spacing(ppr, line_twips: int) -> None:
    """<w:spacing w:before="0" w:after="0" w:line=… w:lineRule="exact"/>: fixed line height."""
    sp = ppr_child(ppr, "w:spacing")
    for attr in ("w:beforeLines", "w:afterLines", "w:beforeAutospacing", "w:afterAutospacing"):
        sp.attrib.pop(qn(attr), None)
    sp.set(qn("w:before"), "0")
    sp.set(qn("w:after"), "0")
    sp.set(qn("w:line"), str(line_twips))
    sp.set(qn("w:lineRule"), "exact")


def set_indent(ppr, *, first_chars: float = 0, first_twips: int = 0, right_chars: float = 0,
               right_twips: int = 0, left_chars: float = 0, left_twips: int = 0) -> None:
    """<w:ind/> in characters (hundredths: firstLineChars="200" = 2 characters) and in twips.

    Word and WPS use the *Chars values (they follow the character grid); readers that do not know
    them (older LibreOffice) use the twips. Both are always written, zeros included, so a style
    never inherits Normal's 2-character first line by accident.
    """
    ind = ppr_child(ppr, "w:ind")
    ind.set(qn("w:left"), str(left_twips))
    ind.set(qn("w:leftChars"), str(round(left_chars * 100)))
    ind.set(qn("w:right"), str(right_twips))
    ind.set(qn("w:rightChars"), str(round(right_chars * 100)))
    ind.set(qn("w:firstLine"), str(first_twips))
    ind.set(qn("w:firstLineChars"), str(round(first_chars * 100)))


def set_jc(ppr, align: str) -> None:
    """<w:jc w:val=both|center|left|right/>."""
    ppr_child(ppr, "w:jc").set(qn("w:val"), {"justify": "both"}.get(align, align))


def set_outline_level(ppr, level: int) -> None:
    """<w:outlineLvl w:val=level-1/>: level 1 is w:val="0". The navigation pane lists it."""
    ppr_child(ppr, "w:outlineLvl").set(qn("w:val"), str(level - 1))


def set_snap_to_grid(ppr, snap: bool) -> None:
    """<w:snapToGrid w:val="0"/> lets a paragraph ignore the document grid (the 22 pt title)."""
    _on_off(ppr_child(ppr, "w:snapToGrid"), snap)


def set_page_break_before(ppr) -> None:
    """<w:pageBreakBefore/>: the paragraph starts a new page."""
    ppr_child(ppr, "w:pageBreakBefore")


def set_widow_control(ppr, on: bool) -> None:
    """<w:widowControl w:val="1"/>: no single line of the paragraph alone at the foot or the top of a
    page (Word, WPS and LibreOffice move one more line, so a page may hold 21 grid lines)."""
    _on_off(ppr_child(ppr, "w:widowControl"), on)


def set_keep(ppr, *, next_: bool | None = None, lines: bool | None = None) -> None:
    """<w:keepNext/>: on the same page as the next paragraph (for a paragraph in a table row: the
    row stays with the next row); <w:keepLines/>: the paragraph is not split across pages.
    None leaves a property as it is (a style's value is inherited)."""
    for tag, on in (("w:keepNext", next_), ("w:keepLines", lines)):
        if on is not None:
            _on_off(ppr_child(ppr, tag), on)


def set_auto_space(ppr, on: bool) -> None:
    """<w:autoSpaceDE/> and <w:autoSpaceDN/>: the extra space Word puts between Chinese and Latin
    letters / digits. Off where widths must be predictable (the 落款 date)."""
    _on_off(ppr_child(ppr, "w:autoSpaceDE"), on)
    _on_off(ppr_child(ppr, "w:autoSpaceDN"), on)


# ---------------------------------------------------------------- section and settings


def set_doc_grid(sectpr, line_pitch: int, char_space: int | None = None, grid_type: str = "linesAndChars") -> None:
    """<w:docGrid w:type="lines" w:linePitch="579"/> (optionally w:charSpace).

    linePitch is the grid line in twips; charSpace is the grid character pitch minus the Normal
    font size, in 1/4096 pt (the value Word's 文档网格 dialog writes for "每行 28 字").
    """
    grid = _child(sectpr, "w:docGrid", _SECTPR_ORDER)
    grid.set(qn("w:type"), grid_type)
    grid.set(qn("w:linePitch"), str(line_pitch))
    if char_space is None:
        grid.attrib.pop(qn("w:charSpace"), None)
    else:
        grid.set(qn("w:charSpace"), str(char_space))


# CT_Compat's children in schema order (w:doNotExpandShiftReturn must precede w:useFELayout,
# which python-docx's template already has).
_COMPAT_ORDER = ("w:useSingleBorderforContiguousCells", "w:wpJustification", "w:noTabHangInd", "w:noLeading",
                 "w:spaceForUL", "w:noColumnBalance", "w:balanceSingleByteDoubleByteWidth", "w:noExtraLineSpacing",
                 "w:doNotLeaveBackslashAlone", "w:ulTrailSpace", "w:doNotExpandShiftReturn",
                 "w:spacingInWholePoints", "w:lineWrapLikeWord6", "w:printBodyTextBeforeHeader",
                 "w:printColBlack", "w:wpSpaceWidth", "w:showBreaksInFrames", "w:subFontBySize",
                 "w:suppressBottomSpacing", "w:suppressTopSpacing", "w:suppressSpacingAtTopOfPage",
                 "w:suppressTopSpacingWP", "w:suppressSpBfAfterPgBrk", "w:swapBordersFacingPages",
                 "w:convMailMergeEsc", "w:truncateFontHeightsLikeWP6", "w:mwSmallCaps", "w:usePrinterMetrics",
                 "w:doNotSuppressParagraphBorders", "w:wrapTrailSpaces", "w:footnoteLayoutLikeWW8",
                 "w:shapeLayoutLikeWW8", "w:alignTablesRowByRow", "w:forgetLastTabAlignment",
                 "w:adjustLineHeightInTable", "w:autoSpaceLikeWord95", "w:noSpaceRaiseLower",
                 "w:doNotUseHTMLParagraphAutoSpacing", "w:layoutRawTableWidth", "w:layoutTableRowsApart",
                 "w:useWord97LineBreakRules", "w:doNotBreakWrappedTables", "w:doNotSnapToGridInCell",
                 "w:selectFldWithFirstOrLastChar", "w:applyBreakingRules", "w:doNotWrapTextWithPunct",
                 "w:doNotUseEastAsianBreakRules", "w:useWord2002TableStyleRules", "w:growAutofit",
                 "w:useFELayout", "w:useNormalStyleForList", "w:doNotUseIndentAsNumberingTabStop",
                 "w:useAltKinsokuLineBreakRules", "w:allowSpaceOfSameStyleInTable", "w:doNotSuppressIndentation",
                 "w:doNotAutofitConstrainedTables", "w:autofitToFirstFixedWidthCell", "w:underlineTabInNumList",
                 "w:displayHangulFixedWidth", "w:splitPgBreakAndParaMark", "w:doNotVertAlignCellWithSp",
                 "w:doNotBreakConstrainedForcedTable", "w:doNotVertAlignInTxbx", "w:useAnsiKerningPairs",
                 "w:cachedColBalance", "w:compatSetting")


def compat_flag(settings, tag: str) -> None:
    """An element inside w:compat, e.g. w:doNotExpandShiftReturn (justified lines ending in a soft
    break are not stretched), in the schema's order."""
    compat = _child(settings, "w:compat", _SETTINGS_ORDER)
    _child(compat, tag, _COMPAT_ORDER)


def set_kinsoku(settings, no_start: str, no_end: str, lang: str = "zh-CN") -> None:
    """<w:noLineBreaksBefore> / <w:noLineBreaksAfter>: the characters that may not start / end a line."""
    for tag, chars in (("w:noLineBreaksAfter", no_end), ("w:noLineBreaksBefore", no_start)):
        el = _child(settings, tag, _SETTINGS_ORDER)
        el.set(qn("w:lang"), lang)
        el.set(qn("w:val"), chars)


def set_theme_font_lang(settings, east_asia: str = "zh-CN") -> None:
    el = _child(settings, "w:themeFontLang", _SETTINGS_ORDER)
    el.set(qn("w:val"), "en-US")
    el.set(qn("w:eastAsia"), east_asia)


# ---------------------------------------------------------------- fields


def add_field(paragraph, instruction: str, cached: str, rpr=None) -> None:
    """A complex field: begin / instrText / separate / cached result / end, five runs.

    The cached result is what viewers show before fields are updated (some never update footer
    fields), so a PAGE field carries the number of a page that footer appears on. ``rpr`` is an
    optional w:rPr element copied into each run.
    """
    import copy

    p = paragraph._p

    def run(child):
        r = OxmlElement("w:r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        r.append(child)
        p.append(r)
        return child

    run(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "begin")
    instr = run(OxmlElement("w:instrText"))
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "separate")
    t = run(OxmlElement("w:t"))
    t.text = cached
    run(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "end")


# ---------------------------------------------------------------- tables


def set_table_width(tbl, col_twips: list[int]) -> None:
    """Fixed table width written both ways: w:tblW + w:tcW for Word, w:tblGrid/w:gridCol for WPS.

    Also a fixed layout (w:tblLayout type="fixed") so neither reader re-fits the columns, and
    w:jc center so the table sits centred in the text width.
    """
    tblPr = tbl.find(qn("w:tblPr"))
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = OxmlElement("w:tblW")
        _insert_tblpr(tblPr, tblW)
    tblW.set(qn("w:w"), str(sum(col_twips)))
    tblW.set(qn("w:type"), "dxa")
    jc = tblPr.find(qn("w:jc"))
    if jc is None:
        jc = OxmlElement("w:jc")
        _insert_tblpr(tblPr, jc)
    jc.set(qn("w:val"), "center")
    layout = tblPr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        _insert_tblpr(tblPr, layout)
    layout.set(qn("w:type"), "fixed")
    cols = tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    for col, width in zip(cols, col_twips, strict=True):
        col.set(qn("w:w"), str(width))
    for tr in tbl.findall(qn("w:tr")):
        for tc, width in zip(tr.findall(qn("w:tc")), col_twips, strict=True):
            tcPr = _tcpr(tc)
            tcW = tcPr.find(qn("w:tcW"))
            if tcW is None:
                tcW = OxmlElement("w:tcW")
                tcPr.insert(0, tcW)
            tcW.set(qn("w:w"), str(width))
            tcW.set(qn("w:type"), "dxa")


_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _insert_tblpr(tblPr, el) -> None:
    tag = _prefixed(el.tag)
    later = _TBLPR_ORDER[_TBLPR_ORDER.index(tag) + 1:]
    for sibling in tblPr:
        if _prefixed(sibling.tag) in later:
            sibling.addprevious(el)
            return
    tblPr.append(el)


def _first(parent, tag: str):
    """The property element that must open ``parent`` (w:tcPr of a cell, w:trPr of a row), made if missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.insert(0, el)
    return el


def _tcpr(tc):
    return _first(tc, "w:tcPr")


def set_cell_margins(tbl, side_twips: int) -> None:
    """<w:tblCellMar>: the left and right space inside every cell (top and bottom stay 0)."""
    tblPr = tbl.find(qn("w:tblPr"))
    mar = tblPr.find(qn("w:tblCellMar"))
    if mar is None:
        mar = OxmlElement("w:tblCellMar")
        _insert_tblpr(tblPr, mar)
    for edge in ("left", "right"):
        el = mar.find(qn(f"w:{edge}"))
        if el is None:
            el = OxmlElement(f"w:{edge}")
            mar.append(el)
        el.set(qn("w:w"), str(side_twips))
        el.set(qn("w:type"), "dxa")


def set_table_borders(tbl, size_eighths: int = 4) -> None:
    """<w:tblBorders>: single lines (½ pt) outside and inside."""
    tblPr = tbl.find(qn("w:tblPr"))
    borders = tblPr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        _insert_tblpr(tblPr, borders)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.find(qn(f"w:{edge}"))
        if el is None:
            el = OxmlElement(f"w:{edge}")
            borders.append(el)
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size_eighths))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")


def set_cell_vcenter(tc) -> None:
    tcPr = _tcpr(tc)
    v = tcPr.find(qn("w:vAlign"))
    if v is None:
        v = OxmlElement("w:vAlign")
        tcPr.append(v)
    v.set(qn("w:val"), "center")


_TRPR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
               "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def _trpr(tr):
    return _first(tr, "w:trPr")


def set_repeat_header(tr) -> None:
    """<w:trPr><w:tblHeader/></w:trPr>: the header row repeats on every page the table spans."""
    _child(_trpr(tr), "w:tblHeader", _TRPR_ORDER)


def set_cant_split(tr) -> None:
    """<w:trPr><w:cantSplit/></w:trPr>: the row is never broken across two pages."""
    _child(_trpr(tr), "w:cantSplit", _TRPR_ORDER)
