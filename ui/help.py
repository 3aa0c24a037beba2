"""使用帮助 (F1): a short how-to in plain Chinese, in a window that can stay open beside the work."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from models.api import BACKUP_FOLDER
from ui.qt import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from models.api import ReportService

HELP_HTML = """
<h2>怎样写好一份总结</h2>
<ol>
<li><b>新建</b>：点“新建总结”（Ctrl+N），选体裁（半年总结、年度总结、会议讲话……），
填单位名称和期间，勾选本单位这一期做过的工作板块，点“创建”。</li>
<li><b>逐项填写</b>：程序已按公文格式搭好框架，按顺序填写导语、各部分和每一条。
每条先写一句标题句（如“抓实理论学习，筑牢思想根基。”），再写具体做法和数字。
每处都有填写提示和例子。</li>
<li><b>检查</b>：看总结的状态，补齐空着的内容和“XX”“×××”“某某”之类的占位符。</li>
<li><b>预览</b>：点“预览”（F4），右侧逐页显示打印出来的样子（A4，每页22行、每行28字）；
点页面上的一行可跳到那里修改。标题落在页末、落款单独成页之类的问题也会列在待补清单里。</li>
<li><b>导出或打印</b>：点“导出 Word”（Ctrl+E），得到按公文格式排好的 .docx 文件，可用 WPS 或 Word 打开、打印；
在导出窗口把格式改为 PDF（或“文件 → 导出 PDF”），得到便于发送、上报的 PDF 文件；
“文件 → 打印”（Ctrl+P）不用 Word 直接打印，页面与预览相同。</li>
</ol>

<h3>序号是自动的</h3>
<p>“一、”“（一）”“1.”“（1）”这些序号由程序生成，<b>不用自己输入</b>。
增加、删除或调整顺序后，序号会自动重排。标题开头手工输入的“（一）”“1、”“一是”会被自动去掉，并有提示。</p>

<h3>按自己的提纲写</h3>
<p>各部分可以添加、改名、调整顺序和删除：在左边目录上点右键，或在部分的页面上点“上移”“下移”
“删除这一部分”“添加部分”。做错了按 Ctrl+Z 撤销。二级、三级标题单独成行还是与正文连排，在“基本信息”里选。
正文里的几段选中后点“设为列举”，程序自动加“一是、二是……”。</p>
<p>调整好的结构可以用“文件 → 保存为本单位提纲”保存，新建总结时和体裁一起列出；
“文件 → 管理本单位提纲”里可以导出提纲包，发给各单位导入后按同一提纲写。</p>

<h3>状态是什么意思</h3>
<p><span style="color:#1b6e2a;background:#e3f4e6">&nbsp;可导出&nbsp;</span>
必填内容都已填写，也没有留下占位符。<br>
<span style="color:#a84b00;background:#fff0dc">&nbsp;有3处待补&nbsp;</span>
还有3处需要处理：必填内容空着，或留着“XX次”“×××”“某某”这类没填的地方。
打开总结可以逐条查看，点一下就能跳到那里。</p>

<h3>下一期怎么写</h3>
<p>在列表中选中上一期的总结，点“复制为新一期”：单位、工作板块和正文都会沿用，
期间自动改为下一期。沿用的段落会在“待补清单”里标出，改写后提示消失；数据栏清空等您重新填写，
但正文里的数字仍是上一期的，请逐一核改；落款日期改为本期（成文时改成实际日期）。</p>

<h3>已经有写好的 Word 文件</h3>
<p>点“导入 Word 文件”（Ctrl+Shift+O），或把 .docx 文件拖到总结列表里：标题、导语、各级标题、
“一是……二是……”、表格和落款都会变成可以修改的总结，原文件不会改动。导入后会列出识别出的内容，
没能归类的段落放在哪里也会写明，请打开核对。.doc、.wps 文件请先在 WPS 或 Word 中另存为 .docx。</p>

<h3>保存和备份</h3>
<p>每输入一处都会<b>自动保存</b>，窗口底部显示“已保存 14:32:05”；也可以随时按 Ctrl+S。</p>
<p>删除的总结先放进<b>回收站</b>，可以恢复。</p>
<p>每份总结会自动保存<b>历史版本</b>（关闭、导出时和编辑中每隔几分钟），
在“文件 → 历史版本”里可以查看并回到以前的内容。</p>
<p>程序会在数据文件夹的“{backup}”文件夹里<b>自动备份</b>全部数据（启动时和编辑中每半小时，有改动才备份）。
在“文件 → 备份与恢复”里可以把数据备份到U盘，或从备份恢复。
单份总结可以用“文件 → 导出报告包”存成一个文件，带到另一台电脑上“导入报告包”。</p>

<h3>数据保存在哪里</h3>
<p>{data_dir}<br>“帮助 → 关于”里有打开这个文件夹的按钮。</p>

<h3>常用快捷键</h3>
<table cellpadding="3">
<tr><td>Ctrl+N</td><td>新建总结</td><td width="24"></td><td>Ctrl+S</td><td>立即保存</td></tr>
<tr><td>Ctrl+E</td><td>导出 Word</td><td></td><td>Ctrl+Z / Ctrl+Y</td><td>撤销 / 重做</td></tr>
<tr><td>Ctrl+F</td><td>查找</td><td></td><td>Ctrl+W</td><td>返回总结列表</td></tr>
<tr><td>Ctrl+P</td><td>打印</td><td></td><td>F4</td><td>打开 / 关闭预览</td></tr>
<tr><td>F1</td><td>本帮助</td><td></td><td>Delete</td><td>把选中的总结移到回收站</td></tr>
<tr><td>Ctrl+Shift+O</td><td>导入 Word 文件</td><td></td><td></td><td></td></tr>
</table>
"""


def help_html(data_dir: str) -> str:
    return HELP_HTML.format(data_dir=escape(data_dir), backup=escape(BACKUP_FOLDER))


class HelpWindow(QDialog):
    """Non-modal, so the officer can read and type at the same time."""

    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用帮助")
        self.setModal(False)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html(str(service.data_dir)))
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(620, 640)
