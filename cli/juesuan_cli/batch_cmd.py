"""make-report batch: every workbook of a folder, in parallel, with a summary (汇总.xlsx).

Progress goes to stderr (a rich progress bar on a terminal, one plain line per workbook
otherwise), the summary to stdout; with --json stdout carries only the JSON.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from juesuan import describe_os_error as describe

from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, fail

EXIT_INTERRUPTED = 130


class _Progress:
    """Shows each finished workbook: a bar with done/failed counts, or one line per workbook."""

    def __init__(self):
        from rich.console import Console
        self.console = Console(stderr=True, highlight=False)
        self.fancy = self.console.is_terminal
        self.total = 0
        self.done = 0
        self.failed = 0
        self.bar = None
        self.task = None

    def start(self, total: int, jobs: int) -> None:
        self.total = total
        if not self.fancy:
            click.echo(f"共 {total} 份工作簿，{jobs} 个进程。", err=True)
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )
        self.bar = Progress(TextColumn("批量生成"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("未生成 [red]{task.fields[failed]}[/red]"), TimeElapsedColumn(),
                            console=self.console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("batch", total=total, failed=0)
        self.console.print(f"共 {total} 份工作簿，{jobs} 个进程。")

    def row(self, row: dict) -> None:
        from juesuan import batch
        self.done += 1
        self.failed += row["status"] != batch.GENERATED
        line = _row_line(row, self.done, self.total)
        if self.bar is None:
            click.echo(line, err=True)
            return
        self.bar.update(self.task, advance=1, failed=self.failed)
        if row["status"] != batch.GENERATED or row["warnings"]:
            style = "yellow" if row["status"] in (batch.GENERATED, batch.DRAFT) else "red"
            self.console.print(line, style=style, markup=False)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _row_line(row: dict, k: int, n: int) -> str:
    head = f"[{k}/{n}] {row['status']} {row['file']}"
    if row["output"]:
        head += f" → {row['output']}"
    if row.get("annotated"):
        head += f"，审核标注副本 {row['annotated']}"
    if row["first_problem"]:
        where = f"（{row['cell']}）" if row["cell"] else ""
        head += f"：{row['first_problem']}{where}"
    for note in row["notes"]:
        head += f"；{note}"
    return head + f"（{row['seconds']:.1f} 秒）"


def _amount(fig: dict | None) -> str:
    if not fig:
        return ""
    if fig["value"] is None:
        return fig.get("note") or ""
    return f"{fig['value']:.2f}"


def _print_summary(result, summary: Path | None, fancy: bool) -> None:
    from juesuan import batch
    FIGURES, change_text = batch.FIGURES, batch.change_text
    rows = result.rows
    if fancy:
        from rich.console import Console
        from rich.table import Table
        console = Console(highlight=False)
        table = Table(title="批量生成结果", show_lines=False)
        for header in ("文件", "部门", "年度", "状态", "错误", "警告", "首个问题", "输出文件", "秒"):
            table.add_column(header, overflow="fold")
        colors = {batch.GENERATED: "green", batch.DRAFT: "yellow", batch.REJECTED: "yellow"}
        for row in rows:
            problem = (row["first_problem"] or "") + (f"（{row['cell']}）" if row["cell"] else "")
            table.add_row(row["file"], row["department"] or "", str(row["year"] or ""),
                          f"[{colors.get(row['status'], 'red')}]{row['status']}[/]", str(row["errors"]), str(row["warnings"]),
                          problem, row["output"] or "", f"{row['seconds']:.1f}")
        console.print(table)
        good = [r for r in rows if r["figures"]]
        if good:
            figs = Table(title="主要数据（万元；审核未通过的仅供参考）")
            figs.add_column("部门", overflow="fold")
            for fig in FIGURES:
                figs.add_column(fig.label, justify="right")
                if fig.base_label:
                    figs.add_column(fig.base_label, justify="right")
            for row in good:
                cells = [(row["department"] or row["file"]) + ("" if row.get("checked") else "（未通过审核）")]
                for fig in FIGURES:
                    f = row["figures"].get(fig.key)
                    cells.append(_amount(f))
                    if fig.base_label:
                        cells.append(change_text(f, fig.base_word) if f else "")
                figs.add_row(*cells)
            console.print(figs)
    else:
        click.echo("批量生成结果：")
        for row in rows:
            problem = (row["first_problem"] or "") + (f"（{row['cell']}）" if row["cell"] else "")
            click.echo("\t".join([row["status"], row["file"], row["department"] or "", str(row["year"] or ""),
                                  f"错误{row['errors']}", f"警告{row['warnings']}", row["output"] or "-", problem]))
    line = batch.status_counts(rows)[:-1] + f"；用时 {result.seconds:.1f} 秒（{result.jobs} 个进程）。"
    click.echo(line)
    if summary is not None:
        click.echo(f"汇总表：{summary}")


@click.command(short_help="批量审核并生成文件夹中所有工作簿的报告")
@click.argument("input_dir", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              help="输出文件夹（默认：要处理的文件夹/报告）；汇总表“汇总.xlsx”也写在这里")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行进程数（默认：CPU 核数）")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转换为 PDF")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path),
              help="模板覆盖目录：其中的同名文件替换内置模板")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出汇总（进度仍写到标准错误）")
@click.option("--draft", is_flag=True, help="审核未通过的工作簿也生成报告，命名为“…（草稿）.docx”并标明草稿")
@click.option("--no-annotate", "no_annotate", is_flag=True,
              help="不为有问题的工作簿生成审核标注副本（默认生成“原文件名.审核.xlsx”，可直接发回各部门）")
def batch_command(input_dir: Path, out_dir: Path | None, jobs: int | None, pdf: bool,
                  templates_dir: Path | None, as_json: bool, draft: bool, no_annotate: bool) -> None:
    """审核并生成文件夹（含子文件夹）中每个 .xlsx 工作簿的报告，写出汇总表。

    \b
    忽略 Office 锁文件（~$*.xlsx）和隐藏文件。一个工作簿出错不影响其他工作簿。
    部门、年度相同的两个工作簿会得到不同的文件名（加“（2）”）并给出警告。
    有错误或警告的工作簿另存一份审核标注副本“原文件名.审核.xlsx”，放在报告旁边，可直接发回该部门。
    状态：已生成 / 审核未通过 / 草稿（--draft）/ 无法读取 / 未能生成（模板或程序问题）。
    退出码：0 全部生成；1 有工作簿未生成最终报告；2 参数错误；130 被中断（不留下不完整的文件）。
    """
    from juesuan import batch
    DEFAULT_OUT_SUBDIR, SUMMARY_NAME = batch.DEFAULT_OUT_SUBDIR, batch.SUMMARY_NAME
    discover, run_batch, summary_payload, write_summary = (
        batch.discover, batch.run_batch, batch.summary_payload, batch.write_summary)
    try:
        input_dir.stat()  # Path.exists() raises PermissionError inside a folder the user may not enter
    except FileNotFoundError:
        pass
    except OSError as exc:
        fail(f"无法读取文件夹“{input_dir}”：{describe(exc)}。", EXIT_UNREADABLE)
    if not input_dir.exists():
        fail(f"找不到文件夹“{input_dir}”。", EXIT_UNREADABLE)
    if not input_dir.is_dir():
        fail(f"“{input_dir}”不是文件夹；生成单个工作簿的报告请用：make-report {input_dir}", EXIT_UNREADABLE)
    if templates_dir is not None and not templates_dir.is_dir():
        fail(f"模板覆盖目录“{templates_dir}”不存在或不是文件夹。", EXIT_UNREADABLE)
    out_dir = out_dir if out_dir is not None else input_dir / DEFAULT_OUT_SUBDIR
    if out_dir.exists() and not out_dir.is_dir():
        fail(f"输出位置“{out_dir}”已存在且不是文件夹。", EXIT_UNREADABLE)
    files = discover(input_dir, out_dir)
    if not files:
        fail(f"文件夹“{input_dir}”中没有 .xlsx 工作簿。", EXIT_UNREADABLE)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"无法创建输出文件夹“{out_dir}”：{describe(exc)}", EXIT_UNREADABLE)

    progress = _Progress()
    try:
        result = run_batch(files, out_dir, input_dir=input_dir, jobs=jobs, pdf=pdf, templates_dir=templates_dir,
                           draft=draft, annotate=not no_annotate, on_start=progress.start, on_row=progress.row)
    except OSError as exc:  # the staging folder could not be created: OUT_DIR is not writable
        progress.stop()
        fail(f"无法在输出文件夹“{out_dir}”中写入：{describe(exc)}", EXIT_UNREADABLE)
    except KeyboardInterrupt:
        progress.stop()
        done = f"已完成的 {progress.done} 份保存在“{out_dir}”，" if progress.done else ""
        click.echo(f"已中断：{done}其余未生成，没有留下不完整的文件。", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        progress.stop()

    summary: Path | None = out_dir / SUMMARY_NAME
    summary_error = None
    try:
        write_summary(summary, result.rows, input_dir=input_dir, seconds=result.seconds, jobs=result.jobs)
    except OSError as exc:
        summary_error = f"无法写入汇总表“{summary}”：{describe(exc)}（文件可能正被 Excel 打开）。"
        summary = None

    if as_json:
        click.echo(json.dumps(summary_payload(result, input_dir=input_dir, summary=summary),
                              ensure_ascii=False, indent=2))
    else:
        _print_summary(result, summary, fancy=sys.stdout.isatty())
    if summary_error:
        click.echo(f"错误：{summary_error}", err=True)
    sys.exit(EXIT_OK if result.ok and not summary_error else EXIT_FINDINGS)
