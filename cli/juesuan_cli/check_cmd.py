"""make-report check: the 审核 report, for people (grouped by sheet, sorted by cell) or as JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, fail


def finding_lines(f) -> list[str]:
    """One finding, plain first: '[级别] 单元格：问题（规则编号）', then, indented, what to do, the
    totals that change with it (影响), the numbers; the rule, the other cells and the other
    relations the same fault breaks come last."""
    where = f"{f.cells[0]}：" if f.cells else ""
    lines = [f"  [{f.severity}] {where}{f.message}（{f.rule}）"]
    if f.hint:
        lines.append(f"      处理：{f.hint}")
    for a in f.affects:
        lines.append(f"      影响：{a}")
    if f.candidates:
        lines.append(f"      可能有误（其中一格）：{'、'.join(f.candidates)}")
    if f.expected is not None and f.actual is not None:
        lines.append(f"      数值：应为 {f.expected:.2f}，实际 {f.actual:.2f}，差额 {f.difference:+.2f}")
    if f.title:
        lines.append(f"      规则：{f.title}")
    others = [c for c in f.cells[1:] if c not in f.also]
    if others and not f.candidates:
        lines.append(f"      对照：{'、'.join(others[:5])}{'…' if len(others) > 5 else ''}")
    for r in f.related:
        lines.append(f"      相关：{r}")
    return lines


def summary_line(result) -> str:
    from juesuan import ERROR, INFO, WARNING
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in (ERROR, WARNING, INFO)}
    text = f"审核完成：错误 {counts[ERROR]} 个，警告 {counts[WARNING]} 个，提示 {counts[INFO]} 个。"
    if counts[ERROR]:
        return text + "有错误，不能生成报告，请先改正错误。"
    if counts[WARNING]:
        return text + "没有错误，可以生成报告；警告请核对。"
    return text + "没有发现问题。"


ROUNDING_HEADER = "【尾数误差】（由元换算为万元逐格四舍五入所致，可以不改；其中的数按上面各处改正后计算）"
PRIOR_HEADER = "【与上年工作簿对照】"


def print_findings(result, err: bool = False) -> None:
    """Human report: this year's findings grouped by sheet in workbook order, sorted by cell; then
    the 尾数误差 (never ahead of an error); then, with --prior, last year's comparison apart from
    this year's noise, with its one-line verdict; the counts at the end.

    Also used by the default command before rendering (warnings are printed, errors stop it).
    """
    from juesuan import finding_sheet
    groups = result.groups()
    current = None
    for f in groups["current"]:
        sheet = finding_sheet(f) or "工作簿"
        if sheet != current:
            current = sheet
            click.echo(f"\n【{sheet}】", err=err)
        for line in finding_lines(f):
            click.echo(line, err=err)
    if groups["rounding"]:
        click.echo(f"\n{ROUNDING_HEADER}", err=err)
        for f in groups["rounding"]:
            for line in finding_lines(f):
                click.echo(line, err=err)
    verdict = result.prior_verdict()
    if verdict is not None:
        click.echo(f"\n{PRIOR_HEADER}{verdict}", err=err)
        for f in groups["prior"]:
            for line in finding_lines(f):
                click.echo(line, err=err)
    click.echo(("\n" if result.findings or verdict else "") + summary_line(result), err=err)


def json_payload(result, workbook: Path) -> dict:
    """``findings``: this year's, then the 尾数误差 (each with its ``group``); ``prior`` (with
    --prior): last year's workbook, the one-line verdict and its findings, apart."""
    from juesuan import INFO
    groups = result.groups() if result.fatal is None else {"current": result.sorted_findings(), "rounding": [],
                                                           "prior": []}
    payload = {"file": str(workbook), "readable": result.fatal is None, "fatal": result.fatal,
               "errors": result.errors, "warnings": result.warnings,
               "infos": sum(1 for f in result.findings if f.severity == INFO),
               "findings": [{**f.as_dict(), "group": g} for g in ("current", "rounding") for f in groups[g]]}
    if result.prior is not None:
        payload["prior"] = {"file": result.prior, "verdict": result.prior_verdict(),
                            "findings": [{**f.as_dict(), "group": "prior"} for f in groups["prior"]]}
    return payload


def print_rules() -> None:
    """The rule list: id, severity policy, title and formula, grouped as in docs/RULES.md."""
    from juesuan import rules_in_order
    group = None
    for r in rules_in_order():
        if r.group != group:
            group = r.group
            click.echo(f"\n【{group}】")
        click.echo(f"  {r.id:<6} [{r.severity}] {r.title}")
        click.echo(f"         {r.formula}")


@click.command(short_help="审核工作簿（表内、表间、补充输入）")
@click.argument("workbook", type=click.Path(path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出审核结果")
@click.option("--rules", "list_rules", is_flag=True, help="列出全部审核规则（编号、级别、公式）")
@click.option("--annotate", "annotate", is_flag=False, flag_value="", default=None, metavar="[标注副本.xlsx]",
              help="另存一份标注副本：有问题的单元格标色（红错误、黄警告、蓝提示）并加批注，第一张表“审核结果”"
                   "可点击跳转；默认为工作簿旁的“X.审核.xlsx”，原工作簿不改动")
@click.option("--prior", "prior", type=click.Path(dir_okay=False, path_type=Path), metavar="上年工作簿.xlsx",
              help="与上年工作簿对照：上年数（P01–P12）与上年各表不一致时警告")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path), metavar="目录",
              help="将用来生成报告的模板覆盖目录：提到报告某一部分的提示按它的结构称呼（如名词解释在第几部分）")
def check_command(workbook: Path | None, as_json: bool, list_rules: bool, annotate: str | None,
                  prior: Path | None, templates_dir: Path | None) -> None:
    """审核工作簿：退出码 0 无错误，1 有错误，2 文件无法读取。

    级别“容差”：差额为 0 通过，不超过 0.01 × 加项个数为警告（尾数误差），更大为错误。
    """
    if list_rules:
        print_rules()
        return
    if workbook is None:
        raise click.UsageError("请指定要审核的工作簿，如：make-report check 工作簿.xlsx")
    from juesuan import InputError, check_workbook

    from .clerk_cmd import annotate_target, write_annotated
    if templates_dir is not None and not templates_dir.is_dir():
        fail(f"模板覆盖目录“{templates_dir}”不存在或不是文件夹。")
    target = annotate_target(workbook, annotate)
    try:
        result = check_workbook(workbook, prior=prior, templates_dir=templates_dir)
    except InputError as exc:
        fail(exc.message)
    if not as_json:
        for note in result.prior_notes:  # before everything: the comparison may be meaningless
            click.echo(f"注意：{note}")
    if as_json:
        click.echo(json.dumps(json_payload(result, workbook), ensure_ascii=False, indent=2))
    elif result.fatal:
        click.echo(f"错误：{result.fatal}", err=True)
        for f in result.sorted_findings():
            click.echo(f.text(), err=True)
    else:
        print_findings(result)
    if target is not None and not result.fatal:
        write_annotated(workbook, result, target, err=as_json)
    sys.exit(EXIT_UNREADABLE if result.fatal else EXIT_FINDINGS if result.errors else EXIT_OK)
