from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE


@click.command(short_help="审核并生成 Word 报告（默认命令）")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="输出 .docx 路径")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转换为 PDF")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
              help="模板覆盖目录：其中的同名文件替换内置模板")
@click.option("--draft", is_flag=True, help="有审核错误也生成，每页页眉和封面标明“审核未通过 草稿”（供边改边看）")
def render_command(workbook: Path, output: str | None, pdf: bool, templates_dir: Path | None, draft: bool) -> None:
    """审核工作簿，无错误时生成部门决算公开报告（.docx）。

    有错误时不生成；加 --draft 则照样生成一份标明“审核未通过 草稿”的草稿（退出码仍为 1）。"""
    from juesuan import render_workbook

    from .check_cmd import print_findings
    if output is not None and not output.strip():  # -o "": Path("") would be the current folder
        click.echo("错误：-o 后面的输出文件名是空的；请写 .docx 文件名，或去掉 -o 使用默认文件名。", err=True)
        sys.exit(EXIT_UNREADABLE)
    if output is not None:
        from juesuan import output_problem
        problem = output_problem(Path(output), workbook)  # before the 审核: a bad argument is exit code 2
        if problem:
            click.echo(f"错误：{problem}", err=True)
            sys.exit(EXIT_UNREADABLE)
    if templates_dir is not None and not templates_dir.is_dir():
        click.echo(f"错误：模板覆盖目录不存在：{templates_dir}", err=True)
        sys.exit(EXIT_UNREADABLE)
    if pdf:
        click.echo("正在审核并生成报告；转换 PDF 要启动 LibreOffice，通常需要十几秒到一分钟……", err=True)
    result = render_workbook(workbook, Path(output) if output is not None else None, templates_dir=templates_dir,
                             pdf=pdf, draft=draft)
    check = result.check
    if check.fatal:
        click.echo(f"错误：{check.fatal}", err=True)
        for f in check.sorted_findings():
            click.echo(f.text(), err=True)
        sys.exit(EXIT_UNREADABLE)
    print_findings(check, err=check.errors > 0)  # warnings are shown; errors stop the report
    if check.errors and not result.draft:
        if not draft:
            click.echo("（如需边改边看，可加 --draft 生成标明“审核未通过 草稿”的草稿）", err=True)
        for problem in result.problems:
            click.echo(f"错误：{problem}", err=True)
        sys.exit(EXIT_FINDINGS)
    if result.draft and result.docx:
        click.echo(f"已生成草稿（审核未通过，不能公开）：{result.docx}")
    elif result.docx:
        click.echo(f"已生成报告：{result.docx}")
    if result.pdf:
        click.echo(f"已生成 PDF：{result.pdf}")
        for line in result.pdf_fonts:
            click.echo(line, err=True)
    for line in result.notices:
        click.echo(line, err=True)
    for problem in result.problems:
        click.echo(f"错误：{problem}", err=True)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)  # a draft is not ok: its errors remain
