from __future__ import annotations

from pathlib import Path

import click

from .common import fail
from juesuan.oserrors import describe


@click.command(short_help="生成空白标准工作簿")
@click.argument("path", required=False, default="部门决算工作簿.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="文件已存在时覆盖")
def init_command(path: Path, force: bool) -> None:
    """生成空白标准工作簿 PATH（默认：部门决算工作簿.xlsx）。"""
    from juesuan.workbook_writer import write_workbook
    if path.suffix.lower() != ".xlsx":
        fail(f"文件名应以 .xlsx 结尾：{path}")
    if path.exists() and not force:
        fail(f"文件“{path}”已存在；如要覆盖请加 --force。")
    try:
        write_workbook(path, overwrite=force)
    except OSError as exc:
        fail(f"无法写入“{path}”：{describe(exc)}")
    click.echo(f"已生成空白标准工作簿：{path}")
