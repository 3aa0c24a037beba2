"""The headless command line: the same service the GUI uses, no Qt imported.

    main.py [--data-dir DIR] templates | new | list | import | dump | check | export | rollup
                             | template-dump | template-save | template-delete

A data folder that cannot be written (a full disk, a write-protected USB stick, no permission) is
opened read-only: the read commands (templates, list, dump, check, export, rollup, template-dump)
work as usual after a note on stderr; a command that would change the data (new, import,
template-save, template-delete) says why it cannot and exits with 2, nothing changed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from models.api import (
    GenreError,
    PackageError,
    PeriodError,
    StoreError,
    StructureError,
    TemplateError,
    WordImportError,
    WriteError,
)

COMMANDS = ("templates", "new", "list", "import", "dump", "check", "export", "rollup", "template-dump",
            "template-save", "template-delete")


class CliError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="宣传工作总结助手（无参数启动图形界面）")
    p.add_argument("--data-dir", help="数据文件夹（默认为当前用户的数据目录，或环境变量 ZONGJIE_DATA_DIR）")
    p.add_argument("--portable", action="store_true", help="便携模式：数据保存在程序旁的“数据”文件夹")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("templates", help="列出体裁和本单位提纲：id<TAB>名称（提纲另有<TAB>本单位提纲 第N版）")
    new = sub.add_parser("new", help="新建报告，输出报告编号")
    source = new.add_mutually_exclusive_group(required=True)
    source.add_argument("--genre", help="体裁 id（见 templates）")
    source.add_argument("--template", help="本单位提纲 id（见 templates）")
    new.add_argument("--unit", required=True)
    new.add_argument("--period", required=True, help="2024H1 / 2024H2 / 2024 / 2024Q3")
    new.add_argument("--author", default="")
    new.add_argument("--date", default="", help="落款日期 2024-07-05（默认今天）")
    new.add_argument("--areas", default=None, help="工作板块 id，逗号分隔（默认前四个）")
    sub.add_parser("list", help="列出报告：编号<TAB>标题<TAB>更新时间<TAB>状态")
    imp = sub.add_parser("import", help="导入报告包或 Word 文件 .docx（输出新报告编号，Word 文件的识别情况另行提示）"
                                        "或提纲包（输出提纲 id）")
    imp.add_argument("file")
    tdump = sub.add_parser("template-dump", help="把本单位提纲或内置体裁导出为提纲包（JSON）")
    tdump.add_argument("id")
    tdump.add_argument("-o", "--output", required=True)
    tsave = sub.add_parser("template-save", help="把报告的结构保存为本单位提纲，输出提纲 id")
    tsave.add_argument("report", type=int, help="报告编号")
    tsave.add_argument("--name", required=True, help="提纲名称")
    tsave.add_argument("--template", default=None, help="已有提纲的 id：保存为它的新版本")
    tsave.add_argument("--keep-headings", action="store_true", help="连同各条的标题句一起保存")
    tdel = sub.add_parser("template-delete", help="从列表中删除本单位提纲（用它写的报告仍能打开）")
    tdel.add_argument("id")
    dump = sub.add_parser("dump", help="把报告导出为报告包（JSON）")
    dump.add_argument("id", type=int)
    dump.add_argument("-o", "--output", required=True)
    chk = sub.add_parser("check", help="检查报告：无问题退出码 0，有问题 1，出错 2")
    chk.add_argument("source", help="报告编号或报告包文件")
    exp = sub.add_parser("export", help="导出 Word 文档（输出文件名以 .pdf 结尾时导出 PDF）")
    exp.add_argument("source", help="报告编号或报告包文件")
    exp.add_argument("-o", "--output", required=True)
    exp.add_argument("--fonts", choices=("standard", "system"), default=None, help="字体方案（默认按本机已装字体）")
    exp.add_argument("--no-table", action="store_true", help="不附主要数据一览表")
    exp.add_argument("--compare", action="store_true", help="主要数据一览表加“去年同期”“同比”两列（有去年同期数据时）")
    add_rollup_parser(sub)
    return p


def _service(args: argparse.Namespace):
    from models.api import ReportService, data_dir, setup_logging

    folder = data_dir(args.data_dir, portable=args.portable)
    setup_logging(folder)  # what a command swallows (a stale temp file it could not remove…) lands in the log
    service = ReportService(folder)  # read-only when the folder cannot be written
    if service.read_only is not None:
        print(service.read_only.note(), file=sys.stderr)
    return service


def _source(service, source: str):
    """A report id in the store, or a package file read without storing it."""
    if source.isdigit() and not Path(source).exists():
        try:
            return service.load(int(source))
        except KeyError:
            raise CliError(f"没有编号为 {source} 的报告。用 list 命令查看现有报告。") from None
    return service.read_package(source)


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout
    try:
        service = _service(args)
        try:
            code = _dispatch(service, args, out)
            out.flush()  # here, so a closed pipe is met inside this try and not at the interpreter's exit
            return code
        finally:
            service.close()
    except (CliError, PackageError, StoreError, GenreError, PeriodError, WriteError, TemplateError,
            StructureError, WordImportError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `check 1 | head -3`: the reader stopped listening; that is not an error of ours. Point stdout
        # at devnull so the interpreter's final flush does not raise (and print a traceback) again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(service, args: argparse.Namespace, out) -> int:
    from models.api import is_word_file

    cmd = args.command
    if cmd == "templates":
        for genre in service.genres():
            print(f"{genre.id}\t{genre.name}", file=out)
        for t in service.unit_templates():
            print(f"{t.id}\t{t.name}\t本单位提纲 第{t.version}版", file=out)
    elif cmd == "new":
        if args.template is not None:
            if service.is_shipped_genre(args.template):
                raise CliError(f"“{args.template}”是内置体裁，请用 --genre {args.template}。")
            if not service.has_genre(args.template):
                names = ("、".join(t.id for t in service.unit_templates())
                         or "（还没有：用 template-save 或 import 添加）")
                raise CliError(f"没有本单位提纲“{args.template}”。可用：{names}")
            args.genre = args.template
        elif not service.has_genre(args.genre) or not service.is_shipped_genre(args.genre):
            names = "、".join(g.id for g in service.genres())
            raise CliError(f"没有体裁“{args.genre}”。可用：{names}（本单位提纲用 --template）")
        areas = [a.strip() for a in args.areas.split(",") if a.strip()] if args.areas else None
        known = {a.id for a in service.areas()}
        if areas and set(areas) - known:
            raise CliError(f"没有工作板块：{'、'.join(sorted(set(areas) - known))}。可用：{'、'.join(sorted(known))}")
        rid = service.create_report(args.genre, unit=args.unit, period=args.period, author=args.author,
                                    date=args.date, areas=areas)
        print(rid, file=out)
    elif cmd == "list":
        for s in service.summaries():
            print(f"{s.id}\t{s.title}\t{s.genre}\t{s.updated}\t{s.progress}%\t{s.status}", file=out)
    elif cmd == "import":
        if is_word_file(args.file):
            rid, summary = service.import_docx(args.file)
            print(rid, file=out)
            print(summary.text(), file=sys.stderr)
        elif service.package_kind(args.file) == "template":
            genre = service.import_template(args.file)
            print(genre.id, file=out)
            print(f"已导入本单位提纲“{genre.name}”（第{genre.version}版）。", file=sys.stderr)
        else:
            print(service.import_package(args.file), file=out)
    elif cmd == "template-dump":
        if not service.has_genre(args.id):
            raise CliError(f"没有体裁或本单位提纲“{args.id}”。用 templates 命令查看。")
        service.export_template(args.id, args.output)
    elif cmd == "template-save":
        if not service.report_exists(args.report):
            raise CliError(f"没有编号为 {args.report} 的报告。用 list 命令查看现有报告。")
        genre = service.save_as_template(service.load(args.report), args.name, template_id=args.template,
                                         keep_headings=args.keep_headings)
        print(genre.id, file=out)
    elif cmd == "template-delete":
        if not service.delete_template(args.id):
            raise CliError(f"没有本单位提纲“{args.id}”。用 templates 命令查看现有提纲。")
    elif cmd == "dump":
        if not service.report_exists(args.id):
            raise CliError(f"没有编号为 {args.id} 的报告。用 list 命令查看现有报告。")
        service.dump_package(args.id, args.output)
    elif cmd == "check":
        report = _source(service, args.source)
        findings = service.check(report)
        for f in findings:
            print(f.line(), file=out)
        return 1 if any(f.severity != "info" for f in findings) else 0  # information alone is not a problem
    elif cmd == "export":
        return _export(service, args, out)
    elif cmd == "rollup":
        return rollup(service, args, out)
    return 0


def _output_suffix(output: str, allowed: tuple[str, ...], what: str, example: str) -> str:
    """The output's suffix, or a refusal: a Word file named 总结.txt would open as garbage in WPS."""
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        names = " 或 ".join(allowed)
        raise CliError(f"输出文件名“{Path(output).name}”不对：{what}的文件名要以 {names} 结尾（如 {example}），"
                       "请改名后再试。")
    return suffix


def _export(service, args: argparse.Namespace, out) -> int:
    if _output_suffix(args.output, (".docx", ".pdf"), "Word 或 PDF 文件", "总结.docx") == ".pdf":
        return _export_pdf(service, args, out)
    try:
        from export.docx import write_docx
    except ImportError as exc:  # pragma: no cover - export ships with the app
        raise CliError(f"导出模块不可用：{exc}") from exc
    from models.api import OutlineOptions

    report = _source(service, args.source)
    findings = service.check(report)
    if getattr(args, "compare", False) and not args.no_table:
        _export_compared(service, report, args)
    else:
        # the one export path (as the export dialog): the service's outline, handed to the renderer
        blocks = service.outline(report, OutlineOptions(figures_table=not args.no_table))
        write_docx(blocks, Path(args.output), fonts=args.fonts, author=report.get("front.author"))
    if report.id is not None:
        service.snapshot(report.id, "export")  # the history keeps what was handed in
    if findings:
        print(f"提示：报告还有 {len(findings)} 处待补（用 check 命令查看），已照常导出。", file=sys.stderr)
    print(Path(args.output), file=out)
    return 0


def _export_compared(service, report, args: argparse.Namespace) -> None:
    """export --compare: the outline's 主要数据一览 carries 去年同期 and 同比 columns (models/compare.py)."""
    from export.docx import render_docx
    from export.fonts import resolve_scheme
    from models.api import OutlineOptions, write_bytes_atomic

    blocks = service.compare_outline(report, OutlineOptions(figures_table=True))
    data = render_docx(blocks, scheme=resolve_scheme(args.fonts), title=service.title(report),
                       author=report.get("front.author"))
    write_bytes_atomic(Path(args.output), data)
    comparison = service.comparison(report)
    if not comparison.has_previous:
        basis = comparison.basis or "去年同期"
        print(f"提示：没有找到本单位{basis}的总结或台账数据，数据表没有加同比列。", file=sys.stderr)


# ------------------------------------------------------------------ county roll-up (汇总)


def add_rollup_parser(sub) -> None:
    r = sub.add_parser("rollup", help="汇总各单位的报告包，输出统计表 .xlsx：无可用报告包时退出码 2")
    r.add_argument("files", nargs="+", metavar="FILE", help="各单位的报告包（.json）")
    r.add_argument("-o", "--output", required=True, help="统计表文件（.xlsx）")
    r.add_argument("--period", default=None, help="汇总期间，如 2024H1（默认取多数报告包的期间）")
    r.add_argument("--expected", default=None,
                   help="应报送的单位，逗号分隔（默认用上次在程序里填写的名单），用于列出未报送单位")


def rollup(service, args: argparse.Namespace, out) -> int:
    """main.py rollup FILE... -o OUT.xlsx: towns × figures with totals and ranks; bad files named."""
    from export.xlsx import write_rollup

    _output_suffix(args.output, (".xlsx",), "统计表", "统计表.xlsx")
    expected = [u.strip() for u in args.expected.replace("，", ",").split(",")] if args.expected else None
    result = service.rollup_packages(args.files, period=args.period, expected=expected)
    for problem in result.problems:
        print(f"未汇总：{problem}", file=sys.stderr)
    for note in result.notes:
        print(f"说明：{note}", file=sys.stderr)
    if not result.usable:
        raise CliError("没有可以汇总的报告包，没有生成统计表。")
    write_rollup(result, Path(args.output))
    print(f"{result.title}：{len(result.towns)} 个单位，{len(result.columns)} 项数据", file=out)
    if result.missing:
        print(f"未报送：{'、'.join(result.missing)}", file=out)
    print(Path(args.output), file=out)
    return 0


def _export_pdf(service, args: argparse.Namespace, out) -> int:
    """export … -o FILE.pdf: the paged GB/T 9704 layout as a PDF, fonts embedded (no display needed)."""
    try:
        from export.pdf import write_pdf
    except ImportError as exc:  # pragma: no cover - export ships with the app
        raise CliError(f"PDF 导出模块不可用：{exc}") from exc
    report = _source(service, args.source)
    findings = service.check(report)
    from models.api import OutlineOptions

    if args.compare:  # the PDF is the pages as printed, without the comparison columns
        print("提示：--compare 只用于 Word 导出，PDF 的数据表没有加同比列；需要时请导出为 .docx。", file=sys.stderr)

    blocks = service.outline(report, OutlineOptions(figures_table=not args.no_table))
    write_pdf(blocks, Path(args.output), fonts=args.fonts, author=report.get("front.author"))
    if report.id is not None:
        service.snapshot(report.id, "export")
    if findings:
        print(f"提示：报告还有 {len(findings)} 处待补（用 check 命令查看），已照常导出。", file=sys.stderr)
    print(Path(args.output), file=out)
    return 0
