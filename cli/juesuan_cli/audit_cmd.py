"""make-report audit: a finished report (or a folder of them) against its workbook or its own tables."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, fail

SECTION_NAMES = {
    "s01": "一", "s02": "二", "s03": "三", "s04": "四", "s05": "五", "s05_1": "五（一）", "s05_2": "五（二）",
    "s05_3": "五（三）", "s06": "六", "s07": "七", "s08": "八", "s09": "九", "s09_1": "九（一）", "s09_2": "九（二）",
    "s10": "十", "s11": "十一", "s12": "十二", "s13": "十三", "s14": "十四",
}


def page_words(page, estimated: bool) -> str:
    if page is None:
        return ""
    return f"（约第{page}页）" if estimated else f"（第{page}页）"


def where(v, estimated: bool = False) -> str:
    return f"第三部分{SECTION_NAMES.get(v.claim.section, v.claim.section)}{page_words(v.claim.page, estimated)}"


def verdict_lines(v, reference: str = "工作簿", estimated: bool = False) -> list[str]:
    from juesuan import audit
    lines = [f"  [{v.status}] {where(v, estimated)}：“{v.claim.quote()}”"]
    if v.slot is not None and v.status != audit.UNVERIFIABLE:
        lines.append(f"      写的是 {v.claim.raw}（{v.slot.label}），应为 {v.correct}；来源：{v.slot.cell}（{reference}）")
    elif v.status == audit.UNMATCHED:
        lines.append(f"      {v.claim.raw}：没有找到它说的是哪个数（{reference}中无对应项），请人工核对")
    if v.note:
        lines.append(f"      说明：{v.note}")
    return lines


def issue_lines(i, estimated: bool = False) -> list[str]:
    head = f"  [{i.kind}]{page_words(i.page, estimated)}"
    lines = [head + (f"：“{i.quote}”" if i.quote else "")]
    lines.append(f"      {i.message}；依据：{i.reference}" + (f" {i.cell}" if i.cell else ""))
    return lines


def summary_line(result) -> str:
    s = result.summary()
    read = "、".join(result.read) or "无"
    text = (f"核对完成（依据：{result.reference}）：读取了{read}；找到数字 {s['claims']} 个，一致 {s['verified']} 个"
            f"（其中尾数差异 {s['tail']} 个），数字矛盾 {s['contradicted']} 个，未匹配 {s['unmatched']} 个")
    if s["unverifiable"]:
        text += f"，无从核对 {s['unverifiable']} 个（需要工作簿）"
    text += f"；表格、年度、用词、单位等问题 {s['issues']} 个，提示 {s['notes']} 个。"
    if result.not_read:
        text += "未读取：" + "；".join(result.not_read) + "。"
    return text + ("报告中有矛盾，请改正。" if s["total_contradictions"] else "没有发现矛盾。")


def print_result(result, show_all: bool) -> None:
    from juesuan import audit
    est = result.pages_estimated
    for line in result.mismatch:
        click.echo(f"注意：{line}；请确认报告与工作簿是同一部门、同一年度。")
    if result.workbook_errors:
        click.echo(f"注意：工作簿本身有 {result.workbook_errors} 个审核错误（make-report check 查看）；"
                   "下面的矛盾有的可能出在表上，而不是文字。")
    if result.workbook_path is None:
        click.echo(f"没有给出工作簿：以{result.reference}为依据核对。")
    if result.problems:
        click.echo("\n【表格、年度、用词、单位、完整性等问题】")
        for i in result.problems:
            for line in issue_lines(i, est):
                click.echo(line)
    groups = [(audit.WRONG, "矛盾"), (audit.TAIL, "尾数差异（相差0.01万元，不算矛盾）"),
              (audit.UNMATCHED, "未匹配（无法核对）")]
    if show_all:
        groups += [(audit.UNVERIFIABLE, "无从核对（需要工作簿）"), (audit.RIGHT, "一致")]
    for status, title in groups:
        items = result.of(status)
        if not items:
            continue
        click.echo(f"\n【{title}】")
        for v in items:
            for line in verdict_lines(v, result.reference, est):
                click.echo(line)
    if result.notes:
        click.echo("\n【提示】")
        for i in result.notes:
            for line in issue_lines(i, est):
                click.echo(line)
    notes = [v for v in result.of(audit.RIGHT) if v.note and not show_all]
    if notes:
        click.echo("\n【按约定接受】")
        for v in notes:
            click.echo(f"  {where(v, est)}：{v.claim.raw}（{v.slot.label}）：{v.note}")
    click.echo("\n" + summary_line(result))


def json_payload(result) -> dict:
    return {"report": str(result.report_path),
            "workbook": str(result.workbook_path) if result.workbook_path else None,
            "reference": result.reference, "readable": result.fatal is None, "fatal": result.fatal,
            "workbook_errors": result.workbook_errors, "mismatch": result.mismatch, "sections": result.sections,
            "read": result.read, "not_read": result.not_read, "pages_estimated": result.pages_estimated,
            "summary": result.summary(), "claims": [v.as_dict() for v in result.verdicts],
            "issues": [i.as_dict() for i in result.issues]}


def _folder(folder: Path, workbook: Path | None, output: Path | None, as_json: bool) -> None:
    from juesuan import audit
    if output is not None and output.suffix.lower() != ".xlsx":
        fail(f"汇总文件应为 .xlsx：{output}", EXIT_UNREADABLE)
    result = audit.audit_folder(folder, workbook)
    if not result.results:
        fail(f"文件夹中没有 .pdf 或 .docx 报告：{folder}")
    if as_json:
        click.echo(json.dumps([json_payload(r) for r in result.results], ensure_ascii=False, indent=2))
    else:
        for r in result.results:
            if r.fatal:
                click.echo(f"{r.report_path.name}：无法读取：{r.fatal}")
            else:
                s = r.summary()
                click.echo(f"{r.report_path.name}：依据{r.reference}，矛盾 {s['total_contradictions']} 个，"
                           f"未匹配 {s['unmatched']} 个，提示 {s['notes']} 个")
    if output is not None:
        try:
            path = audit.write_folder_summary(result, output)
        except OSError as exc:
            from juesuan import describe_os_error
            fail(f"无法写入“{output}”：{describe_os_error(exc)}")
        if not as_json:
            click.echo(f"汇总已写入：{path}")
    if not as_json:
        click.echo(f"共核对 {len(result.results)} 份报告，矛盾合计 {result.contradictions} 个，无法读取 {result.unreadable} 份。")
    sys.exit(EXIT_UNREADABLE if result.unreadable == len(result.results) else
             EXIT_FINDINGS if result.contradictions or result.unreadable else EXIT_OK)


@click.command(short_help="核对已公开的报告：表格、文字、名词解释（可不给工作簿）")
@click.argument("report", type=click.Path(path_type=Path))
@click.argument("workbook", type=click.Path(path_type=Path), required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="核对文件夹时，把汇总写入此 .xlsx 文件")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出核对结果（每个数字、每个问题一条）")
@click.option("--all", "show_all", is_flag=True, help="同时列出核对一致的数字")
def audit_command(report: Path, workbook: Path | None, output: Path | None, as_json: bool, show_all: bool) -> None:
    """核对报告（.docx、.pdf 或 .txt）：第二部分的九张表、第三部分的每个数字、
    第四、五部分的年度和名词解释，以及用词、单位、合计。

    \b
    给出工作簿时以工作簿为依据；不给时以报告自己的表格为依据（需要上年数、
    年初预算等补充数据的数字列为“无从核对”）。第一个参数是文件夹时核对其中
    每个 .pdf / .docx，-o 汇总.xlsx 写出每份报告一行和全部问题清单（含页码）。
    金额相差 0.01 万元为尾数差异；百分比按印出的小数位四舍五入比较；
    比率算错时指出用错的分母。.docx 按文字处理软件显示的最终文字读取（修订、内容控件、域）。
    退出码：0 没有矛盾，1 有矛盾，2 文件无法读取。
    """
    from juesuan import audit
    if report.is_dir():
        _folder(report, workbook, output, as_json)
        return
    if output is not None:
        fail("-o 只用于核对文件夹（REPORT 是文件夹时）。", EXIT_UNREADABLE)
    result = audit.audit_report(report, workbook)
    if as_json:
        click.echo(json.dumps(json_payload(result), ensure_ascii=False, indent=2))
    elif result.fatal:
        click.echo(f"错误：{result.fatal}", err=True)
    else:
        print_result(result, show_all)
    found = result.summary()["total_contradictions"] if not result.fatal else 0
    sys.exit(EXIT_UNREADABLE if result.fatal else EXIT_FINDINGS if found else EXIT_OK)
