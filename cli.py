"""The headless command line: the same service the GUI uses, no Qt imported.

    main.py [--data-dir DIR] templates | new | list | import | dump | check | export
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models.atomic import WriteError
from models.genres import GenreError
from models.package import PackageError
from models.periods import PeriodError
from models.store import StoreError

COMMANDS = ("templates", "new", "list", "import", "dump", "check", "export")


class CliError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="宣传工作总结助手（无参数启动图形界面）")
    p.add_argument("--data-dir", help="数据文件夹（默认为当前用户的数据目录，或环境变量 ZONGJIE_DATA_DIR）")
    p.add_argument("--portable", action="store_true", help="便携模式：数据保存在程序旁的“数据”文件夹")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("templates", help="列出体裁：id<TAB>名称")
    new = sub.add_parser("new", help="新建报告，输出报告编号")
    new.add_argument("--genre", required=True)
    new.add_argument("--unit", required=True)
    new.add_argument("--period", required=True, help="2024H1 / 2024H2 / 2024 / 2024Q3")
    new.add_argument("--author", default="")
    new.add_argument("--date", default="", help="落款日期 2024-07-05（默认今天）")
    new.add_argument("--areas", default=None, help="工作板块 id，逗号分隔（默认前四个）")
    sub.add_parser("list", help="列出报告：编号<TAB>标题<TAB>更新时间<TAB>状态")
    imp = sub.add_parser("import", help="导入报告包，输出新报告编号")
    imp.add_argument("file")
    dump = sub.add_parser("dump", help="把报告导出为报告包（JSON）")
    dump.add_argument("id", type=int)
    dump.add_argument("-o", "--output", required=True)
    chk = sub.add_parser("check", help="检查报告：无问题退出码 0，有问题 1，出错 2")
    chk.add_argument("source", help="报告编号或报告包文件")
    exp = sub.add_parser("export", help="导出 Word 文档")
    exp.add_argument("source", help="报告编号或报告包文件")
    exp.add_argument("-o", "--output", required=True)
    exp.add_argument("--fonts", choices=("standard", "system"), default=None, help="字体方案（默认按本机已装字体）")
    exp.add_argument("--no-table", action="store_true", help="不附主要数据一览表")
    return p


def _service(args: argparse.Namespace):
    from models.paths import data_dir
    from models.service import ReportService

    return ReportService(data_dir(args.data_dir, portable=args.portable))


def _source(service, source: str):
    """A report id in the store, or a package file read without storing it."""
    from models.package import read_package_file

    if source.isdigit() and not Path(source).exists():
        try:
            return service.load(int(source))
        except KeyError:
            raise CliError(f"没有编号为 {source} 的报告。用 list 命令查看现有报告。") from None
    return read_package_file(source, service.library)


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout
    try:
        service = _service(args)
        try:
            return _dispatch(service, args, out)
        finally:
            service.close()
    except (CliError, PackageError, StoreError, GenreError, PeriodError, WriteError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


def _dispatch(service, args: argparse.Namespace, out) -> int:
    cmd = args.command
    if cmd == "templates":
        for genre in service.genres():
            print(f"{genre.id}\t{genre.name}", file=out)
    elif cmd == "new":
        if not service.library.has(args.genre):
            names = "、".join(g.id for g in service.genres())
            raise CliError(f"没有体裁“{args.genre}”。可用：{names}")
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
        print(service.import_package(args.file), file=out)
    elif cmd == "dump":
        if not service.store.report_exists(args.id):
            raise CliError(f"没有编号为 {args.id} 的报告。")
        service.dump_package(args.id, args.output)
    elif cmd == "check":
        report = _source(service, args.source)
        findings = service.check(report)
        for f in findings:
            print(f.line(), file=out)
        return 1 if findings else 0
    elif cmd == "export":
        return _export(service, args, out)
    return 0


def _export(service, args: argparse.Namespace, out) -> int:
    try:
        from export.docx import write_docx
    except ImportError as exc:  # pragma: no cover - export ships with the app
        raise CliError(f"导出模块不可用：{exc}") from exc
    from models.outline import OutlineOptions

    report = _source(service, args.source)
    findings = service.check(report)
    # the one export path (as the export dialog): the service's outline, handed to the renderer
    blocks = service.outline(report, OutlineOptions(figures_table=not args.no_table))
    write_docx(blocks, Path(args.output), fonts=args.fonts, author=report.get("front.author"))
    if report.id is not None:
        service.snapshot(report.id, "export")  # the history keeps what was handed in
    if findings:
        print(f"提示：报告还有 {len(findings)} 处待补（用 check 命令查看），已照常导出。", file=sys.stderr)
    print(Path(args.output), file=out)
    return 0
