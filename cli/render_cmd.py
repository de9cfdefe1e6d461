from __future__ import annotations

from pathlib import Path

import click


@click.command(short_help="审核并生成 Word 报告（默认命令）")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出 .docx 路径")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转换为 PDF")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
              help="模板覆盖目录：其中的同名文件替换内置模板")
def render_command(workbook: Path, output: Path | None, pdf: bool, templates_dir: Path | None) -> None:
    """审核 WORKBOOK，无错误时生成部门决算公开报告（.docx）。"""
    raise click.ClickException("报告生成尚未实现")
