"""Small builders shared by the model tests."""

from __future__ import annotations

from models.service import ReportService


def filled_report(service: ReportService, genre_id: str = "half_year", period: str = "2024H1"):
    """A report with every required field filled, built in memory (not stored)."""
    report = service.build_report(genre_id, unit="示例镇", period=period, author="李明", date="2024-07-05",
                                  areas=["theory", "news"], extra={"meeting": "全镇宣传工作会议", "speaker": "王明同志"})
    genre = service.library.get(genre_id)
    report.values["intro"] = "今年以来，示例镇围绕中心工作抓宣传，各项任务推进有序。现将有关情况总结如下："
    if genre.closing:
        report.values["closing"] = "同志们，让我们振奋精神，把各项工作抓实抓细。"
    for part in genre.parts:
        if part.lead:
            report.values[f"part.{part.key}.lead"] = "宣传队伍力量仍然偏弱。"
        if not report.items.get(part.key) and part.items:
            report.items[part.key] = []
            from models.report import Item

            report.items[part.key].append(Item(id=report.new_item_id(), part=part.key))
        for n, item in enumerate(report.items.get(part.key, []), start=1):
            report.values[f"item.{item.id}.heading"] = f"第{n}项工作稳步推进，成效明显"
            report.values[f"item.{item.id}.body"] = f"围绕第{n}项重点任务开展活动，群众反响良好。"
            for fig in item.figures:
                report.values[f"item.{item.id}.fig.{fig.key}"] = str(10 + n)
    return report
