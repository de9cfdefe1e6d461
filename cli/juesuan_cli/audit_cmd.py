"""make-report audit: a finished report's 第三部分 against its workbook, for people or as JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE

SECTION_NAMES = {
    "s01": "一", "s02": "二", "s03": "三", "s04": "四", "s05": "五", "s05_1": "五（一）", "s05_2": "五（二）",
    "s05_3": "五（三）", "s06": "六", "s07": "七", "s08": "八", "s09": "九", "s09_1": "九（一）", "s09_2": "九（二）",
    "s10": "十", "s11": "十一", "s12": "十二", "s13": "十三", "s14": "十四",
}


def where(v) -> str:
    return f"第三部分{SECTION_NAMES.get(v.claim.section, v.claim.section)}"


def verdict_lines(v) -> list[str]:
    from juesuan import audit
    UNMATCHED = audit.UNMATCHED
    lines = [f"  [{v.status}] {where(v)}：“{v.claim.quote()}”"]
    if v.slot is not None:
        lines.append(f"      写的是 {v.claim.raw}（{v.slot.label}），应为 {v.correct}；来源：{v.slot.cell}")
    elif v.status == UNMATCHED:
        lines.append(f"      {v.claim.raw}：没有找到它说的是哪个数（工作簿中无对应项），请人工核对")
    if v.note:
        lines.append(f"      说明：{v.note}")
    return lines


def summary_line(result) -> str:
    s = result.summary()
    text = (f"核对完成：找到数字 {s['claims']} 个，与工作簿一致 {s['verified']} 个（其中尾数差异 {s['tail']} 个），"
            f"矛盾 {s['contradicted']} 个，未匹配 {s['unmatched']} 个。")
    return text + ("报告中有与工作簿矛盾的数字，请改正。" if s["contradicted"] else "没有发现矛盾。")


def print_result(result, show_all: bool) -> None:
    from juesuan import audit
    RIGHT, TAIL, UNMATCHED, WRONG = audit.RIGHT, audit.TAIL, audit.UNMATCHED, audit.WRONG
    for line in result.mismatch:
        click.echo(f"注意：{line}；请确认报告与工作簿是同一部门、同一年度。")
    if result.workbook_errors:
        click.echo(f"注意：工作簿本身有 {result.workbook_errors} 个审核错误（make-report check 查看）；"
                   "下面的矛盾有的可能出在表上，而不是文字。")
    groups = [(WRONG, "矛盾"), (TAIL, "尾数差异（相差0.01万元，不算矛盾）"), (UNMATCHED, "未匹配（无法核对）")]
    if show_all:
        groups.append((RIGHT, "一致"))
    for status, title in groups:
        items = result.of(status)
        if not items:
            continue
        click.echo(f"\n【{title}】")
        for v in items:
            for line in verdict_lines(v):
                click.echo(line)
    notes = [v for v in result.of(RIGHT) if v.note and not show_all]
    if notes:
        click.echo("\n【按约定接受】")
        for v in notes:
            click.echo(f"  {where(v)}：{v.claim.raw}（{v.slot.label}）：{v.note}")
    click.echo("\n" + summary_line(result))


def json_payload(result) -> dict:
    return {"report": str(result.report_path), "workbook": str(result.workbook_path),
            "readable": result.fatal is None, "fatal": result.fatal, "workbook_errors": result.workbook_errors,
            "mismatch": result.mismatch, "sections": result.sections, "summary": result.summary(),
            "claims": [v.as_dict() for v in result.verdicts]}


@click.command(short_help="核对已完成报告的文字与工作簿是否一致")
@click.argument("report", type=click.Path(path_type=Path))
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出核对结果（每个数字一条）")
@click.option("--all", "show_all", is_flag=True, help="同时列出核对一致的数字")
def audit_command(report: Path, workbook: Path, as_json: bool, show_all: bool) -> None:
    """核对报告（.docx、.txt 或 .pdf）第三部分的每个数字与工作簿是否一致。

    \b
    找出金额、同比增减额和增减率、占比、完成预算比例、截至日期、个数和得分，
    与工作簿按生成报告的同一算法计算的值比较：金额相差 0.01 万元为尾数差异，
    百分比按印出的小数位四舍五入比较；比率算错时指出用错的分母。
    退出码：0 没有矛盾，1 有矛盾，2 文件无法读取。
    """
    from juesuan import audit
    audit_report = audit.audit_report
    result = audit_report(report, workbook)
    if as_json:
        click.echo(json.dumps(json_payload(result), ensure_ascii=False, indent=2))
    elif result.fatal:
        click.echo(f"错误：{result.fatal}", err=True)
    else:
        print_result(result, show_all)
    sys.exit(EXIT_UNREADABLE if result.fatal else EXIT_FINDINGS if result.contradictions else EXIT_OK)
