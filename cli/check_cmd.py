from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE


def print_findings(result, err: bool = False) -> None:
    """Human report: grouped by sheet, sorted by cell, counts at the end."""
    from juesuan.findings import ERROR, INFO, WARNING
    current = None
    for f in result.sorted_findings():
        if f.sheet != current:
            current = f.sheet
            click.echo(f"\n【{current or '工作簿'}】", err=err)
        line = f"  [{f.severity}] {f.rule} {f.text()}"
        if f.expected is not None and f.actual is not None:
            line += f"（应为 {f.expected:.2f}，实际 {f.actual:.2f}，差额 {f.difference:+.2f}）"
        if f.related:
            line += f"；影响：{'、'.join(f.related)}"
        click.echo(line, err=err)
    n_err = sum(1 for f in result.findings if f.severity == ERROR)
    n_warn = sum(1 for f in result.findings if f.severity == WARNING)
    n_info = sum(1 for f in result.findings if f.severity == INFO)
    click.echo(f"\n审核完成：错误 {n_err} 个，警告 {n_warn} 个，提示 {n_info} 个。", err=err)


@click.command(short_help="审核工作簿（表内、表间）")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出审核结果")
def check_command(workbook: Path, as_json: bool) -> None:
    """审核 WORKBOOK：退出码 0 无错误，1 有错误，2 文件无法读取。"""
    from juesuan.api import check_workbook
    result = check_workbook(workbook)
    if as_json:
        payload = {"file": str(workbook), "readable": result.fatal is None, "fatal": result.fatal,
                   "errors": result.errors, "warnings": result.warnings,
                   "findings": [f.as_dict() for f in result.sorted_findings()]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif result.fatal:
        click.echo(f"错误：{result.fatal}", err=True)
    else:
        print_findings(result)
    sys.exit(EXIT_UNREADABLE if result.fatal else EXIT_FINDINGS if result.errors else EXIT_OK)
