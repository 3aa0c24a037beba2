"""保存为本单位提纲 / 管理本单位提纲: the 文件 menu's unit-template commands.

A mixin of MainWindow, kept apart so the window file holds only the shell: the methods use the
window's service, open report (``editor``), ``flush_editor``, ``new_report`` and status bar.
"""

from __future__ import annotations

from ui import messages
from ui.template_dialog import SaveTemplateDialog, TemplateListDialog


class TemplateActions:
    """The unit-template commands of the 文件 menu."""

    def save_as_template(self):
        """Save the open report's structure as a unit template (or the next version of its own)."""
        if self.editor is None:
            messages.info(self, "保存为本单位提纲", "请先打开一份总结，调整好各部分后再保存为提纲。")
            return None
        if not self.flush_editor():
            return None
        saved = SaveTemplateDialog.run(self.service, self.editor.report, self)
        if saved is not None:
            self.statusBar().showMessage(
                f"已保存本单位提纲“{saved.name}”（第{saved.version}版）。新建总结时可以选用它。", 8000)
        return saved

    def show_templates(self) -> int | None:
        """管理本单位提纲; 用它新建总结 goes on to 新建总结 with that template picked."""
        template_id = TemplateListDialog.run(self.service, self)
        if template_id is None:
            return None
        return self.new_report(template_id)
