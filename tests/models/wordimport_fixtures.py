"""Realistic .docx files as different officers write them, for the Word import tests.

Each builder writes a file the way a person would in Word or WPS (python-docx or raw
WordprocessingML), never in the program's own export layout, and returns it with the heading tree
a reader of the printed page sees. All text is written for fictional units.

    typed_numbers       (a) numbering typed in the text, no styles, full-width space indents,
                            落款 pushed right with spaces
    auto_numbers        (b) Word automatic numbering: chineseCounting "%1、", "（%1）", decimal "%1."
    heading_styles      (c) built-in Heading 1/2 styles without numbers, Title style
    chinese_headings    (c) WPS-style "标题 1"/"标题 2" (style ids 1, 2) linked to a numbered list
    bold_run_in         (d) run-in headings as bold runs, unnumbered bold leads
    kaiti_run_in        (d) run-in headings as 楷体 runs
    speech              (e) speech: speaker line, salutation, 一是…六是, run-together 一是…三是, closing
    tables              (f) a figure table with a caption and a plain table
    messy               (g) empty spacing paragraphs, manual line breaks, ASCII (1), 2024年07月05日,
                            落款 unit and date in one right-aligned paragraph
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

INDENT = "\u3000\u3000"  # two full-width spaces: how officers indent without styles


@dataclass
class Expected:
    """What the printed page shows: the heading tree and the front/back matter."""

    tree: list[tuple[str, str, list]]  # (number, heading, children) — number "" when none was printed
    title: str = ""
    unit: str = ""
    period: str = ""
    genre: str = ""
    sign_unit: str = ""
    sign_date: str = ""
    speaker: str = ""
    salutation: str = ""
    forms: dict[str, str] = field(default_factory=dict)  # heading → run_in / own_line
    extra: dict = field(default_factory=dict)


@dataclass
class Fixture:
    name: str
    data: bytes
    expected: Expected


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _east_asia(run, font: str) -> None:
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), font)
    fonts.set(qn("w:hAnsi"), font)


# ------------------------------------------------------------------ (a) typed numbering, no styles


def typed_numbers() -> Fixture:
    doc = docx.Document()
    lines = [
        "\u3000\u3000\u3000\u3000示例镇2024年上半年宣传工作总结",
        "",
        INDENT + "今年以来，示例镇党委围绕乡村振兴和基层治理两项重点任务，统筹抓好理论学习、新闻宣传、文明创建等工作，"
        "全镇宣传思想工作保持了良好势头。现将上半年工作总结如下：",
        INDENT + "一、上半年工作开展情况",
        INDENT + "（一）强化理论武装，凝聚思想共识。镇党委中心组开展集中学习8次，组织“板凳课堂”宣讲队进村入户宣讲26场次，"
        "覆盖群众3200余人次，把政策讲到了田间地头。",
        INDENT + "（二）做强新闻宣传，讲好乡村故事。围绕油菜花节、高标准农田建设等重点工作，在市级以上媒体发稿41篇，"
        "其中省级媒体9篇；“示例镇发布”公众号推送信息186条。",
        INDENT + "（三）深化文明创建，培育文明乡风。评选“好婆婆”“好邻居”等典型28名，指导11个村修订村规民约，"
        "红白喜事简办率明显提高。",
        INDENT + "二、存在的不足",
        INDENT + "(一)宣讲形式还不够活。部分宣讲仍以读文件为主，群众参与的积极性不高。",
        INDENT + "(二)队伍力量比较弱。村级宣传员多为兼职，写稿和拍视频的能力有限。",
        INDENT + "三、下半年工作打算",
        INDENT + "1、丰富宣讲形式。推出方言快板、村口小课堂等群众喜闻乐见的宣讲方式，全年宣讲不少于50场次。",
        INDENT + "2、加强队伍培训。每季度组织一次宣传员培训，邀请市县媒体记者现场指导。",
        INDENT + "3、抓好文明实践。依托11个实践站常态化开展志愿服务，让文明实践融入群众日常生活。",
        "",
        "\u3000" * 16 + "示例镇党委宣传办",
        "\u3000" * 17 + "2024年7月5日",
    ]
    for text in lines:
        doc.add_paragraph(text)
    return Fixture("typed_numbers", _save(doc), Expected(
        title="示例镇2024年上半年宣传工作总结", unit="示例镇", period="2024H1", genre="half_year",
        sign_unit="示例镇党委宣传办", sign_date="2024-07-05",
        tree=[("一、", "上半年工作开展情况", [("（一）", "强化理论武装，凝聚思想共识。", []),
                                          ("（二）", "做强新闻宣传，讲好乡村故事。", []),
                                          ("（三）", "深化文明创建，培育文明乡风。", [])]),
              ("二、", "存在的不足", [("(一)", "宣讲形式还不够活。", []), ("(二)", "队伍力量比较弱。", [])]),
              ("三、", "下半年工作打算", [("1、", "丰富宣讲形式。", []), ("2、", "加强队伍培训。", []),
                                        ("3、", "抓好文明实践。", [])])],
        forms={"强化理论武装，凝聚思想共识。": "run_in"},
        extra={"figures": {"强化理论武装，凝聚思想共识。": [("开展集中学习", "8", "次"), ("宣讲", "26", "场次"),
                                                         ("覆盖群众", "3200余", "人次")],
                           "做强新闻宣传，讲好乡村故事。": [("发稿", "41", "篇"), ("省级媒体", "9", "篇"),
                                                         ("推送信息", "186", "条")]}}))


# ------------------------------------------------------------------ raw WordprocessingML


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="{main}"/>'
       '<Override PartName="/word/styles.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
       '<Override PartName="/word/numbering.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
       '</Types>')
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
             'Target="styles.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'numbering" Target="numbering.xml"/></Relationships>')
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def raw_docx(body: str, *, styles: str = "", numbering: str = "", main: str = MAIN,
             document: str | None = None) -> bytes:
    """A .docx assembled from WordprocessingML strings (what Word and WPS write, minus their extras)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT.format(main=main))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/document.xml", document if document is not None else
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}'
                   '<w:sectPr/></w:body></w:document>')
        z.writestr("word/styles.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W_NS}>'
                                      f'{styles}</w:styles>')
        z.writestr("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                         f'<w:numbering {W_NS}>{numbering}</w:numbering>')
    return out.getvalue()


def p(text: str, *, num: tuple[int, int] | None = None, style: str = "", jc: str = "", runs: list | None = None) -> str:
    """One paragraph; ``runs`` is a list of (text, rPr xml) when formatting varies inside it."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    body = "".join(_run(t, rpr) for t, rpr in (runs if runs is not None else [(text, "")]))
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{body}</w:p>"


def _run(text: str, rpr: str) -> str:
    pieces = []
    for n, part in enumerate(text.split("\n")):
        if n:
            pieces.append("<w:br/>")
        if part:
            pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}{''.join(pieces)}</w:r>"


def abstract_num(abstract_id: int, levels: list[tuple[str, str]], styles: dict[int, str] | None = None) -> str:
    """An abstractNum: (numFmt, lvlText) per level, optionally linked to paragraph styles."""
    out = f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
    for ilvl, (fmt, text) in enumerate(levels):
        link = f'<w:pStyle w:val="{styles[ilvl]}"/>' if styles and ilvl in styles else ""
        out += (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    return out + "</w:abstractNum>"


def num(num_id: int, abstract_id: int, restart: dict[int, int] | None = None) -> str:
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for lvl, start in (restart or {}).items())
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


# ------------------------------------------------------------------ (b) Word automatic numbering


def auto_numbers() -> Fixture:
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]
    numbering = abstract_num(0, levels) + num(1, 0)
    body = "".join([
        p("样例县融媒体中心2024年上半年工作总结和下一步工作安排", jc="center"),
        p(""),
        p("今年以来，样例县融媒体中心紧扣县委中心工作，坚持移动优先，推动广播、电视、客户端一体发展，"
          "各项工作稳中有进。现将上半年工作和下一步安排报告如下："),
        p("上半年工作回顾", num=(1, 0)),
        p("守牢导向阵地，安全播出零差错", num=(1, 1)),
        p("严格三审把关。修订稿件审核流程，上半年审核各类稿件2100余篇，未发生导向错误。", num=(1, 2)),
        p("抓好值班值守。节假日实行领导带班制度，累计值班值守180天。", num=(1, 2)),
        p("做优主题报道，传播声量持续扩大", num=(1, 1)),
        p("策划重点专题。围绕春耕生产、项目建设推出专题报道14组，刊播稿件320篇。", num=(1, 2)),
        p("深耕短视频。制作发布短视频460条，单条最高播放量达到52万次。", num=(1, 2)),
        p("短视频选题由记者每周报送，编委会集中研究，好的选题当天安排拍摄。", num=(1, 3)),
        p("对播放量较高的作品进行复盘，总结可推广的做法。", num=(1, 3)),
        p("下一步工作安排", num=(1, 0)),
        p("推进客户端升级", num=(1, 1)),
        p("年底前完成客户端改版，新增政务服务入口，注册用户力争突破12万。"),
        p("加强人才培养", num=(1, 1)),
        p("每月开展一次业务练兵，选派骨干到市级媒体跟班学习。"),
        p(""),
        p("样例县融媒体中心", jc="right"),
        p("2024年7月8日", jc="right"),
    ])
    return Fixture("auto_numbers", raw_docx(body, numbering=numbering), Expected(
        title="样例县融媒体中心2024年上半年工作总结和下一步工作安排", unit="样例县融媒体中心", period="2024H1",
        genre="media_centre", sign_unit="样例县融媒体中心", sign_date="2024-07-08",
        tree=[("一、", "上半年工作回顾", [
                  ("（一）", "守牢导向阵地，安全播出零差错", [("1.", "严格三审把关。", []), ("2.", "抓好值班值守。", [])]),
                  ("（二）", "做优主题报道，传播声量持续扩大", [
                      ("1.", "策划重点专题。", []),
                      ("2.", "深耕短视频。", [("（1）", "短视频选题由记者每周报送，编委会集中研究，好的选题当天安排拍摄。", []),
                                            ("（2）", "对播放量较高的作品进行复盘，总结可推广的做法。", [])])])]),
              ("二、", "下一步工作安排", [("（一）", "推进客户端升级", []), ("（二）", "加强人才培养", [])])],
        forms={"守牢导向阵地，安全播出零差错": "own_line", "严格三审把关。": "run_in"}))


# ------------------------------------------------------------------ (c) Heading styles


def heading_styles() -> Fixture:
    doc = docx.Document()
    doc.add_heading("样例乡2024年宣传思想文化工作总结", level=0)
    doc.add_paragraph("2024年，样例乡党委以建设文明和美乡村为目标，抓学习、强阵地、育新风，宣传思想文化工作取得新成效。")
    doc.add_heading("理论武装走深走实", level=1)
    doc.add_paragraph("乡党委坚持“第一议题”制度，全年组织中心组学习12次。")
    doc.add_heading("中心组带头学", level=2)
    doc.add_paragraph("班子成员围绕乡村产业发展开展专题调研6次，形成调研报告6篇。")
    doc.add_heading("宣讲队伍进村讲", level=2)
    doc.add_paragraph("组建“乡音宣讲队”，全年开展宣讲45场次，受众5100余人次。")
    doc.add_paragraph("宣讲内容涵盖惠农政策、法律常识和移风易俗，群众听得懂、记得住。")
    doc.add_heading("文明乡风持续浓厚", level=1)
    doc.add_heading("典型选树", level=2)
    doc.add_paragraph("评选“最美庭院”60户、“孝善之星”15名，在乡村大舞台集中表彰。")
    doc.add_heading("移风易俗", level=2)
    doc.add_paragraph("9个村全部成立红白理事会，操办标准写进村规民约。")
    doc.add_heading("2025年工作思路", level=1)
    doc.add_paragraph("围绕乡党委中心工作，继续抓好理论宣讲、文明实践和网络宣传，力争各项工作再上台阶。")
    p_unit = doc.add_paragraph("样例乡党委")
    p_unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p_date = doc.add_paragraph("2024年12月26日")
    p_date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return Fixture("heading_styles", _save(doc), Expected(
        title="样例乡2024年宣传思想文化工作总结", unit="样例乡", period="2024", genre="annual_plan",
        sign_unit="样例乡党委", sign_date="2024-12-26",
        tree=[("", "理论武装走深走实", [("", "中心组带头学", []), ("", "宣讲队伍进村讲", [])]),
              ("", "文明乡风持续浓厚", [("", "典型选树", []), ("", "移风易俗", [])]),
              ("", "2025年工作思路", [])],
        forms={"中心组带头学": "own_line"},
        extra={"section_lead": {"理论武装走深走实": "乡党委坚持“第一议题”制度，全年组织中心组学习12次。"}}))


def chinese_headings() -> Fixture:
    """WPS in Chinese: styles named 标题 1 / 标题 2 (ids "1", "2"), numbered through the styles."""
    styles = ('<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="正文"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/><w:basedOn w:val="a"/>'
              '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>'
              '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/>'
              '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>'
              '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>')
    numbering = abstract_num(7, [("chineseCountingThousand", "%1、"), ("chineseCountingThousand", "（%2）")],
                             {0: "1", 1: "2"}) + num(3, 7)
    body = "".join([
        p("样例街道2024年下半年宣传工作总结", jc="center"),
        p("下半年，样例街道围绕老旧小区改造和社区治理，扎实做好宣传思想工作。现总结如下："),
        p("工作成效", style="1"),
        p("社区宣讲有声有色", style="2"),
        p("组织“楼栋小讲堂”32场，居民参与1800余人次。"),
        p("网络宣传亮点纷呈", style="2"),
        p("“样例街道”视频号发布作品95条，总播放量37万次。"),
        p("存在问题", style="1"),
        p("宣传队伍年龄偏大，新媒体技能不足。"),
        p("样例街道党工委", jc="right"),
        p("2024年12月30日", jc="right"),
    ])
    return Fixture("chinese_headings", raw_docx(body, styles=styles, numbering=numbering), Expected(
        title="样例街道2024年下半年宣传工作总结", unit="样例街道", period="2024H2", genre="half_year",
        sign_unit="样例街道党工委", sign_date="2024-12-30",
        tree=[("一、", "工作成效", [("（一）", "社区宣讲有声有色", []), ("（二）", "网络宣传亮点纷呈", [])]),
              ("二、", "存在问题", [])]))


# ------------------------------------------------------------------ (d) run-in headings by formatting


def bold_run_in() -> Fixture:
    doc = docx.Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("样例社区2024年上半年宣传工作总结").bold = True

    def run_in(head: str, body: str) -> None:
        para = doc.add_paragraph()
        para.add_run(INDENT)
        para.add_run(head).bold = True
        para.add_run(body)

    doc.add_paragraph(INDENT + "上半年，样例社区党委把宣传工作融入社区治理各个环节，居民的认同感和参与度不断提高。具体情况如下：")
    doc.add_paragraph(INDENT + "一、主要成效")
    run_in("（一）楼道宣传栏焕然一新，", "社区对23个楼道宣传栏统一更新版面，每月更换一次内容，"
           "把垃圾分类、防范诈骗等居民关心的知识送到家门口。")
    run_in("（二）志愿服务常态开展。", "依托社区新时代文明实践站开展助老、助学志愿服务40次，参与志愿者260人次。")
    doc.add_paragraph(INDENT + "二、存在的问题")
    run_in("活动覆盖面不够广。", "参加活动的多为退休居民，年轻居民参与较少。")
    run_in("宣传手段比较传统。", "主要依靠宣传栏和微信群，短视频等新形式用得不多。")
    doc.add_paragraph(INDENT + "三、下步打算")
    doc.add_paragraph(INDENT + "围绕居民需求，办好“周末课堂”，吸引更多年轻居民参与社区活动。")
    sign = doc.add_paragraph("样例社区党委")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = doc.add_paragraph("2024年6月28日")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return Fixture("bold_run_in", _save(doc), Expected(
        title="样例社区2024年上半年宣传工作总结", unit="样例社区", period="2024H1", genre="half_year",
        sign_unit="样例社区党委", sign_date="2024-06-28",
        tree=[("一、", "主要成效", [("（一）", "楼道宣传栏焕然一新，", []), ("（二）", "志愿服务常态开展。", [])]),
              ("二、", "存在的问题", [("", "活动覆盖面不够广。", []), ("", "宣传手段比较传统。", [])]),
              ("三、", "下步打算", [])],
        forms={"楼道宣传栏焕然一新，": "run_in", "活动覆盖面不够广。": "run_in"}))


def kaiti_run_in() -> Fixture:
    doc = docx.Document()
    doc.add_paragraph("样例镇2024年下半年宣传工作总结").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("下半年，样例镇宣传工作紧扣全镇中心任务，抓重点、补短板，取得了一定成效。")
    doc.add_paragraph("一、工作开展情况")
    for head, body in (("（一）理论宣讲贴近群众。", "结合秋收时节开展“晒场宣讲”18场，受众1500余人次。"),
                       ("（二）对外宣传成果丰硕。", "在省级以上媒体刊发稿件12篇，其中中央级媒体2篇。")):
        para = doc.add_paragraph()
        _east_asia(para.add_run(head), "楷体_GB2312")
        para.add_run(body)
    doc.add_paragraph("二、下步工作打算")
    para = doc.add_paragraph()
    _east_asia(para.add_run("（一）抓好新媒体运营。"), "楷体")
    para.add_run("明年公众号推文力争达到300条。")
    doc.add_paragraph("样例镇党委").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("2024年12月25日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return Fixture("kaiti_run_in", _save(doc), Expected(
        title="样例镇2024年下半年宣传工作总结", unit="样例镇", period="2024H2", genre="half_year",
        sign_unit="样例镇党委", sign_date="2024-12-25",
        tree=[("一、", "工作开展情况", [("（一）", "理论宣讲贴近群众。", []), ("（二）", "对外宣传成果丰硕。", [])]),
              ("二、", "下步工作打算", [("（一）", "抓好新媒体运营。", [])])],
        forms={"理论宣讲贴近群众。": "run_in"}))


# ------------------------------------------------------------------ (e) a speech


SPEECH_ENTRIES = [
    "一是理论学习更加深入。全县各级党组织开展中心组学习230余次，县委宣讲团下基层宣讲85场。",
    "二是主题宣传更加有力。围绕项目建设和乡村振兴推出系列报道，在中央级媒体刊发稿件16篇。",
    "三是阵地管理更加规范。对全县宣传栏、电子屏开展拉网式排查，整改问题点位27处。",
    "四是文明创建更加扎实。新评选县级文明村12个、文明单位20个，群众满意度稳步上升。",
    "五是文化服务更加丰富。送戏下乡120场次，农村公益电影放映860场次。",
    "六是队伍建设更加有力。举办宣传干部培训班3期，培训基层通讯员210人次。",
]


def speech() -> Fixture:
    doc = docx.Document()
    doc.add_paragraph("在全县宣传思想文化工作会议上的讲话").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("李华同志（2024年07月12日）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("同志们：")
    doc.add_paragraph(INDENT + "这次会议的主要任务是总结上半年全县宣传思想文化工作，安排部署下半年任务。下面，我讲三点意见。")
    doc.add_paragraph(INDENT + "一、肯定成绩，坚定信心")
    doc.add_paragraph(INDENT + "上半年，全县宣传系统主动作为，各项工作取得了明显成效。")
    for entry in SPEECH_ENTRIES:
        doc.add_paragraph(INDENT + entry)
    doc.add_paragraph(INDENT + "二、正视问题，明确方向")
    doc.add_paragraph(INDENT + "在看到成绩的同时，我们也要清醒认识到存在的不足：一是有的单位对宣传工作重视不够，"
                      "工作停留在发文件、开会议上；二是基层宣传力量薄弱，专职人员少；三是新媒体运用能力不强，"
                      "作品传播力有限。")
    doc.add_paragraph(INDENT + "三、突出重点，狠抓落实")
    doc.add_paragraph(INDENT + "（一）在理论武装上下功夫。要把学习宣传贯彻党的创新理论作为首要政治任务，持续推进理论宣讲进基层。")
    doc.add_paragraph(INDENT + "（二）在舆论引导上下功夫。要围绕县委中心工作精心策划主题宣传，唱响发展主旋律。")
    doc.add_paragraph(INDENT + "第一，要抓好重大主题宣传；")
    doc.add_paragraph(INDENT + "第二，要加强网络舆情研判；")
    doc.add_paragraph(INDENT + "第三，要做好突发事件的信息发布。")
    doc.add_paragraph(INDENT + "同志们，做好下半年宣传思想文化工作任务艰巨，希望大家振奋精神、真抓实干，"
                      "为全县高质量发展提供有力的思想保证。")
    return Fixture("speech", _save(doc), Expected(
        title="在全县宣传思想文化工作会议上的讲话", genre="speech", speaker="李华同志（2024年07月12日）",
        salutation="同志们：",
        tree=[("一、", "肯定成绩，坚定信心", []), ("二、", "正视问题，明确方向", []),
              ("三、", "突出重点，狠抓落实", [("（一）", "在理论武装上下功夫。", []), ("（二）", "在舆论引导上下功夫。", [])])],
        extra={"own_enumeration": 6, "run_together": 3, "di_enumeration": 3, "meeting": "全县宣传思想文化工作会议",
               "speaker_date": "2024-07-12"}))


# ------------------------------------------------------------------ (f) tables


def tables() -> Fixture:
    doc = docx.Document()
    doc.add_paragraph("样例乡2024年上半年宣传工作总结").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("上半年，样例乡宣传工作围绕产业发展和乡风文明两条主线推进。主要数据见下表。")
    doc.add_paragraph("一、主要工作")
    doc.add_paragraph("（一）理论宣讲。组织宣讲活动30场次，受众2600余人次。")
    cap = doc.add_paragraph("上半年主要数据")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure = doc.add_table(rows=4, cols=3)
    for r, row in enumerate([("工作板块", "指标", "数据"), ("理论武装", "宣讲场次", "30场次"),
                             ("新闻宣传", "市级以上发稿", "57篇"), ("文明实践", "志愿服务活动", "64次")]):
        for c, value in enumerate(row):
            figure.cell(r, c).text = value
    doc.add_paragraph("（二）工作安排。下半年重点工作安排如下。")
    plan = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("时间", "工作内容", "责任单位"), ("七月", "举办乡村文化节", "乡文化站"),
                             ("九月", "开展丰收节宣传", "乡党政办")]):
        for c, value in enumerate(row):
            plan.cell(r, c).text = value
    doc.add_paragraph("二、下步打算")
    doc.add_paragraph("继续办好乡村文化节，让群众在家门口享受文化生活。")
    doc.add_paragraph("样例乡人民政府").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("2024年7月3日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return Fixture("tables", _save(doc), Expected(
        title="样例乡2024年上半年宣传工作总结", unit="样例乡", period="2024H1", genre="half_year",
        sign_unit="样例乡人民政府", sign_date="2024-07-03",
        tree=[("一、", "主要工作", [("（一）", "理论宣讲。", []), ("（二）", "工作安排。", [])]),
              ("二、", "下步打算", [])],
        extra={"tables": [("上半年主要数据", True, 4), ("", False, 3)]}))


# ------------------------------------------------------------------ (g) messy habits


def messy() -> Fixture:
    doc = docx.Document()

    def para(text: str = "", align=None) -> None:
        pp = doc.add_paragraph()
        for n, part in enumerate(text.split("\n")):
            run = pp.add_run(part)
            if n < len(text.split("\n")) - 1:
                run.add_break()
        if align is not None:
            pp.alignment = align

    para("样例县文化馆\n2024年上半年宣传工作总结", WD_ALIGN_PARAGRAPH.CENTER)
    para()
    para()
    para(INDENT + "上半年，县文化馆围绕全民艺术普及和文化惠民工程开展宣传工作，群众文化活动日益丰富。")
    para()
    para(INDENT + "一、工作开展情况")
    para()
    para(INDENT + "1.全民艺术普及。开设书法、舞蹈、摄影等公益培训班16个，培训学员820人次。"
         "\n培训班全部免费，报名通过公众号进行。")
    para(INDENT + "(1)线上课堂。录制网络公开课48节，累计观看3.2万人次。")
    para(INDENT + "(2)线下课堂。在乡镇综合文化站开设分教点9个。")
    para()
    para(INDENT + "2.文化惠民演出。组织“村晚”和广场演出35场，观众1.1万人次。")
    para()
    para(INDENT + "二、下一步工作")
    para(INDENT + "继续办好公益培训，扩大分教点覆盖面。")
    para()
    para()
    para("样例县文化馆\n2024年07月05日", WD_ALIGN_PARAGRAPH.RIGHT)
    return Fixture("messy", _save(doc), Expected(
        title="样例县文化馆2024年上半年宣传工作总结", unit="样例县文化馆", period="2024H1", genre="half_year",
        sign_unit="样例县文化馆", sign_date="2024-07-05",
        tree=[("一、", "工作开展情况", [("1.", "全民艺术普及。", [("(1)", "线上课堂。", []), ("(2)", "线下课堂。", [])]),
                                       ("2.", "文化惠民演出。", [])]),
              ("二、", "下一步工作", [])],
        extra={"title_lines": ["样例县文化馆", "2024年上半年宣传工作总结"],
               "second_body": ("全民艺术普及。", "培训班全部免费，报名通过公众号进行。")}))


ALL = [typed_numbers, auto_numbers, heading_styles, chinese_headings, bold_run_in, kaiti_run_in, speech, tables,
       messy]


def file_text(data: bytes) -> list[str]:
    """The file's text in body order, as python-docx reads it (paragraphs, then table cells in place)."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            out += ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in child.iter(qn("w:tc"))]
    return out
