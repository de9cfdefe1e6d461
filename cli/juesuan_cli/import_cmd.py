"""make-report import: the nine tables of a 决算软件 export or a published report (PDF, Word,
text) into the standard workbook; and init --from-report (next year's workbook)."""
from __future__ import annotations

from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, fail


def _print_import(result) -> None:
    found = result.titles
    click.echo(f"找到 {len(found)} 张表（共九张）：")
    for tid, title in sorted(found.items()):
        click.echo(f"  公开{tid[1:]}表 ← “{title.strip()}”")
    if result.problems:
        click.echo(f"\n导入时未能放入工作簿或需要核对的内容（{len(result.problems)} 处）：")
        for f in result.problems:
            click.echo(f"  [{f.severity}] {f.text()}")


@click.command(short_help="从决算软件导出的表格或已公开的报告导入九张表")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path), metavar="文件")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="工作簿.xlsx",
              help="生成的标准工作簿（默认：与导入文件同名的 .xlsx，放在同一文件夹）")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def import_command(source: Path, output: Path | None, force: bool) -> None:
    """从 决算软件导出的 Excel（.xlsx/.xls）、已公开报告的 PDF、Word（.docx）或文本（.txt）中
    按表名和表头找出九张公开表，写成标准工作簿（每个导入的格子带批注，注明来源的文件、页码、表名和行），
    然后照常审核（九张表有错误时退出码为 1）。"""
    from juesuan import InputError, import_to_workbook
    target = output or source.with_name(source.stem + ".导入.xlsx")
    click.echo(f"正在读取“{source.name}”……")
    try:
        result, check = import_to_workbook(source, target, overwrite=force)
    except InputError as exc:
        fail(exc.message)
    _print_import(result)
    click.echo(f"\n已生成标准工作簿：{target}（导入的格子带批注，注明来源）")
    table_errors = _print_check(check)
    raise SystemExit(EXIT_FINDINGS if table_errors else EXIT_OK)


def _print_check(check) -> int:
    """The 审核 of the nine tables in full; the supplementary sheets (which an import leaves
    mostly blank) as one count, so the table findings are not buried."""
    import dataclasses
    from juesuan import finding_sheet
    from .check_cmd import print_findings
    if check.fatal is not None:
        click.echo(f"审核：工作簿无法读取：{check.fatal}")
        return 1
    tables = [f for f in check.findings if (finding_sheet(f) or "").startswith("公开")]
    rest = [f for f in check.findings if f not in tables]
    click.echo("\n九张表的审核：")
    print_findings(dataclasses.replace(check, findings=tables))
    if rest:
        sheets = list(dict.fromkeys(finding_sheet(f) or "工作簿" for f in rest))
        click.echo(f"补充工作表另有 {len(rest)} 处未填或需核对（{'、'.join(sheets[:8])}{'等' if len(sheets) > 8 else ''}）："
                   f"导入只填九张表和报告正文写明的内容，其余请在工作簿中填写后运行 make-report check {check.path.name}。")
    from juesuan import ERROR
    return sum(1 for f in tables if f.severity == ERROR)


def init_from_report_cli(path: Path, source: Path, force: bool) -> None:
    """make-report init NEW.xlsx --from-report 上年报告.pdf."""
    from juesuan import InputError, init_from_report
    try:
        result, nxt = init_from_report(path, source, overwrite=force)
    except InputError as exc:
        fail(exc.message)
    year = nxt.report.year
    click.echo(f"已生成{f' {year} 年度' if year else ''}工作簿：{path}")
    click.echo(f"  从上年公开报告“{source.name}”找到 {len(result.titles)} 张表；上年数（P01–P12）已按这些表计算填好，"
               "正文中的部门名称、职责、机构设置等照录。沿用的单元格带批注，请逐项核对。")
    for f in result.problems:
        click.echo(f"  注意：{f.text()}")
    for problem in nxt.problems:
        click.echo(f"  注意：{problem}")
