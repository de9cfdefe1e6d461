"""The clerk's options of `check` (--annotate, --prior) and `init` (--from): argument handling and
messages only; the work is in juesuan.annotate and juesuan.prior_year."""
from __future__ import annotations

from pathlib import Path

import click

from .common import EXIT_UNREADABLE, fail


def read_prior(path: Path):
    """Last year's workbook, read before any other work; exit 2 when it cannot be read."""
    from juesuan.findings import WorkbookError
    from juesuan.reader import read_workbook
    if not path.is_file():
        fail(f"上年工作簿“{path}”不存在或不是文件。")
    try:
        report, _ = read_workbook(path)
    except WorkbookError as exc:
        fail(f"上年工作簿无法读取：{exc.message}")
    return report


def add_prior_findings(result, prior_report, prior_path: Path) -> None:
    from juesuan.prior_year import prior_findings
    if result.report is not None:
        result.findings.extend(prior_findings(result.report, prior_report, prior_path.name))


def annotate_target(workbook: Path, value: str | None) -> Path | None:
    """--annotate without a value: X.审核.xlsx beside X.xlsx; with one: that file (.xlsx)."""
    from juesuan.annotate import default_output
    if value is None:
        return None
    target = Path(value) if value else default_output(workbook)
    if target.suffix.lower() != ".xlsx":
        fail(f"审核标注副本的文件名应以 .xlsx 结尾：{target}")
    return target


def write_annotated(workbook: Path, result, target: Path, err: bool = False) -> None:
    """Write the annotated copy; a failure is said in Chinese with exit code 2."""
    from juesuan.annotate import annotate_workbook
    from juesuan.oserrors import describe
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        annotate_workbook(workbook, result.findings, target)
    except ValueError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入审核标注副本“{target}”：{describe(exc)}")
    except Exception as exc:  # noqa: BLE001 - openpyxl cannot open what our reader could read
        fail(f"无法生成审核标注副本（工作簿的格式 openpyxl 无法处理：{type(exc).__name__}），审核结果见上。",
             EXIT_UNREADABLE)
    click.echo(f"已生成审核标注副本：{target}（有问题的单元格已标色并加批注，第一张工作表“审核结果”可点击跳转）",
               err=err)


def init_from(path: Path, source: Path, force: bool) -> None:
    """make-report init NEW.xlsx --from OLD.xlsx."""
    from juesuan.findings import WorkbookError
    from juesuan.oserrors import describe
    from juesuan.prior_year import write_next_year
    from juesuan.render.names import same_file
    if not source.is_file():
        fail(f"上年工作簿“{source}”不存在或不是文件。")
    if same_file(path, source):
        fail(f"新工作簿不能覆盖上年工作簿本身：{source}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        nxt = write_next_year(path, source, overwrite=force)
    except WorkbookError as exc:
        fail(f"上年工作簿无法读取：{exc.message}")
    except FileExistsError:
        fail(f"文件“{path}”已存在；如要覆盖请加 --force。")
    except OSError as exc:
        fail(f"无法写入“{path}”：{describe(exc)}")
    year = nxt.report.year
    click.echo(f"已生成{f' {year} 年度' if year else ''}工作簿：{path}")
    click.echo("  沿用：概况、职责、二级单位、科目说明、专用名词、设置、项目名称；"
               "上年数（P01–P12）已按上年工作簿各表计算填好。沿用的单元格带批注，请逐项核对。")
    for problem in nxt.problems:
        click.echo(f"  注意：{problem}")
