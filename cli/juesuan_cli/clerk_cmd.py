"""The clerk's options of `check` (--annotate) and `init` (--from): argument handling and
messages only; the work is behind the front door (juesuan.annotate, juesuan.init_next_year)."""
from __future__ import annotations

from pathlib import Path

import click

from .common import EXIT_UNREADABLE, fail


def annotate_target(workbook: Path, value: str | None) -> Path | None:
    """--annotate without a value: X.审核.xlsx beside X.xlsx; with one: that file (.xlsx)."""
    from juesuan import default_annotation_path
    if value is None:
        return None
    from juesuan import annotation_problem
    target = Path(value) if value else default_annotation_path(workbook)
    problem = annotation_problem(target, workbook)  # before the 审核: a bad argument is exit code 2
    if problem:
        fail(problem)
    return target


def write_annotated(workbook: Path, result, target: Path, err: bool = False) -> None:
    """Write the annotated copy; a failure is said in Chinese with exit code 2."""
    from juesuan import annotate, describe_os_error
    try:
        annotate(workbook, result.findings, target)
    except ValueError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入审核标注副本“{target}”：{describe_os_error(exc)}")
    except Exception as exc:  # noqa: BLE001 - openpyxl cannot open what our reader could read
        fail(f"无法生成审核标注副本（工作簿的格式 openpyxl 无法处理：{type(exc).__name__}），审核结果见上。",
             EXIT_UNREADABLE)
    click.echo(f"已生成审核标注副本：{target}（有问题的单元格已标色并加批注，第一张工作表“审核结果”可点击跳转）",
               err=err)


def init_from(path: Path, source: Path, force: bool) -> None:
    """make-report init NEW.xlsx --from OLD.xlsx."""
    from juesuan import InputError, init_next_year
    try:
        nxt = init_next_year(path, source, overwrite=force)
    except InputError as exc:
        fail(exc.message)
    year = nxt.report.year
    click.echo(f"已生成{f' {year} 年度' if year else ''}工作簿：{path}")
    filled = "上年数（P01–P12）已按上年工作簿各表计算填好" if not nxt.blank_fields else \
        f"上年数已按上年工作簿各表计算填好，其中 {'、'.join(sorted(nxt.blank_fields))} 无法计算、留空"
    click.echo("  沿用：概况、职责、二级单位、科目说明、专用名词、设置、项目名称、绩效指标名称、项级预算科目、类用途；"
               f"{filled}。沿用的单元格带批注，请逐项核对。")
    click.echo("  沿用的项目、指标和科目行还没有本年的数字：请填写本年仍有的行，删除本年没有的行"
               "（未填的行不写入报告，审核时每张表只提示一次）。")
    for problem in nxt.problems:
        click.echo(f"  注意：{problem}")
    from .init_cmd import next_steps
    click.echo(next_steps(path))
