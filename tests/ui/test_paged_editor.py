"""The paged preview in the editor: it follows typing, its page-level findings join the checks panel
(a click shows the page), Ctrl+P prints the pages through Qt's print dialog, and the export dialog
writes a PDF of the same pages."""

from __future__ import annotations

import copy
import shutil
import subprocess
import unicodedata

import pytest

from tests.ui.editor_helpers import new_report, open_editor, type_text
from ui.editor import export_dialog
from ui.editor.export_dialog import ExportDialog
from ui.mainwindow import MainWindow
from ui.qt import QApplication, print_support

LONG = "全镇围绕中心工作，组织开展理论宣讲、新闻宣传和文明实践活动，群众参与热情高涨。"  # 39 characters


def test_pages_follow_typing_and_the_caption_counts_them(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    editor.set_preview_visible(True)
    pages = editor.preview.page_count()
    assert editor.preview.caption.text().startswith(f"共 {pages} 页 · A4")
    type_text(editor.form.fields["intro"], LONG * 40)
    # the pages follow after PREVIEW_MS, well before the checks' 300 ms
    qtbot.waitUntil(lambda: editor.preview.page_count() > pages, timeout=250)
    assert LONG in editor.preview.plain_text()
    assert editor.preview.caption.text().startswith(f"共 {editor.preview.page_count()} 页 · A4")
    assert editor.preview_ms < 500


def test_page_findings_join_the_checks_and_show_their_page(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    assert not editor.preview.isVisible()
    limit = editor.genre.suggested[1]
    editor.show_section("intro")
    editor.form.fields["intro"].setPlainText("\n".join([LONG * 3] * (limit // 70 + 1)))  # > 1.5 × the limit
    editor.refresh()

    def page_rows():
        return [f for f in editor.checks.findings if f.rule.startswith("page.")]

    # laid out with the preview closed, too, a moment later
    qtbot.waitUntil(lambda: [f.rule for f in page_rows()] == ["page.length"], timeout=3000)
    page_rows = page_rows()
    assert "远超本体裁建议" in page_rows[0].message
    row = editor.checks.list.item(editor.checks.findings.index(page_rows[0]))
    assert "全文" in row.toolTip()  # label and message
    editor.show_section("front")
    editor.checks.list.itemClicked.emit(row)
    assert editor.preview.isVisible() and editor.current == "intro"
    editor.preview.view.show_page(editor.preview.page_count() - 1)
    editor.checks.list.itemClicked.emit(row)
    assert editor.preview.view.current_page() == 0  # the length finding: the document from its first page
    # fixed: the finding leaves the list
    editor.form.fields["intro"].setPlainText(LONG)
    editor.refresh()  # the preview is open now: at once
    assert not [f for f in editor.checks.findings if f.rule.startswith("page.")]


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils missing")
def test_ctrl_p_prints_the_pages_through_the_print_dialog(qtbot, service, tmp_path, monkeypatch):
    rid = new_report(service)
    service.set_values(rid, {"intro": LONG * 30})
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    window.open_report(rid)
    editor = window.editor
    qps = print_support()
    out = tmp_path / "printed.pdf"
    seen = {}

    def accept(dialog):  # the officer picks a printer (here: a PDF file) and clicks 打印
        seen["title"] = dialog.windowTitle()
        seen["range"] = (dialog.minPage(), dialog.maxPage())
        dialog.printer().setOutputFormat(qps.QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return qps.QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(qps.QPrintDialog, "exec", accept)
    monkeypatch.setattr("ui.messages.confirm", lambda *a, **k: True)  # print despite the 待补 items
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    window.print_action.trigger()
    pages = editor.preview.page_count()
    assert seen == {"title": "打印", "range": (1, pages)}
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {pages}" in info and "(A4)" in info
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    # (a printer's PDF keeps Qt's text mapping: 工 may read back as the radical ⼯, hence NFKC)
    assert "全镇围绕中心工作" in unicodedata.normalize("NFKC", text)


def test_print_waits_for_the_officer_when_blanks_are_left(qtbot, service, monkeypatch):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    asked = []
    monkeypatch.setattr("ui.messages.confirm", lambda _p, _t, text, *a, **k: asked.append(text) or False)
    called = []
    monkeypatch.setattr("ui.editor.printing.print_document", lambda *a, **k: called.append(a) or True)
    assert editor.print_report() is False
    assert asked and "处待补" in asked[0] and not called


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
def test_export_dialog_writes_a_pdf_of_the_same_pages(qtbot, service, tmp_path, monkeypatch):
    rid = new_report(service)
    service.set_values(rid, {"intro": LONG * 12})
    report = service.load(rid)
    dialog = ExportDialog(service, copy.deepcopy(report), families=["宋体", "仿宋", "楷体", "黑体"])
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text().endswith(".docx")
    dialog.set_format("pdf")
    assert dialog.name_edit.text() == "示例镇2024年上半年宣传工作总结.pdf"
    assert dialog.windowTitle() == "导出 PDF 文件" and dialog.export_format().key == "pdf"
    dialog.folder_edit.setText(str(tmp_path))
    steps = []
    dialog.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(dialog.export_finished, timeout=20000) as done:
        assert dialog.start()
    assert done.args == [True, str(tmp_path / "示例镇2024年上半年宣传工作总结.pdf")]
    pdf = tmp_path / "示例镇2024年上半年宣传工作总结.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and steps[-1] == 100
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "全镇围绕中心工作" in text
    # the file dialog offers PDF for a .pdf name
    offered = {}
    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName",
                        lambda _p, title, name, flt: offered.update(title=title, flt=flt) or ("", ""))
    export_dialog.choose_save_path(dialog, dialog.path())
    assert offered == {"title": "导出 PDF 文件", "flt": "PDF 文件 (*.pdf)"}
    dialog.set_format("docx")
    assert dialog.path().endswith("示例镇2024年上半年宣传工作总结.docx")


def test_file_menu_offers_pdf_and_print(qtbot, service, monkeypatch):
    rid = new_report(service)
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "导出 PDF(&D)…" in texts and "打印(&P)…" in texts
    window.start.refresh(select_id=rid)
    asked = []
    monkeypatch.setattr("ui.editor.editor.EditorWidget.show_export_dialog", lambda self, fmt="docx": asked.append(fmt))
    window.export_pdf_action.trigger()  # from the list: the selected report opens, then the dialog
    assert asked == ["pdf"] and window.editor is not None
    QApplication.processEvents()
