from __future__ import annotations

from pathlib import Path

import click

from .common import fail


@click.command(short_help="生成空白标准工作簿")
@click.argument("path", required=False, default="部门决算工作簿.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="文件已存在时覆盖")
@click.option("--from", "source", type=click.Path(dir_okay=False, path_type=Path), metavar="上年工作簿.xlsx",
              help="生成下一年度的工作簿：沿用上年的概况、职责、二级单位、科目说明、专用名词、设置和项目名称，"
                   "年度加 1，上年数按上年各表填好")
def init_command(path: Path, force: bool, source: Path | None) -> None:
    """生成空白标准工作簿（默认：部门决算工作簿.xlsx）。"""
    if path.suffix.lower() != ".xlsx":
        fail(f"文件名应以 .xlsx 结尾：{path}")
    if source is not None:
        from .clerk_cmd import init_from
        if path.exists() and not force:
            fail(f"文件“{path}”已存在；如要覆盖请加 --force。")
        init_from(path, source, force)
        return
    from juesuan import InputError, write_blank_workbook
    try:
        write_blank_workbook(path, overwrite=force)
    except InputError as exc:
        fail(exc.message)
    click.echo(f"已生成空白标准工作簿：{path}")
    click.echo(next_steps(path))


def next_steps(path: Path) -> str:
    """What the clerk does after ``init``: the year's work in three commands."""
    return ("下一步：\n"
            "  1. 用 Excel 或 WPS 打开它，照决算软件导出的公开表填写公开01表…公开09表，再填写补充工作表（见第一张“填表说明”）；\n"
            f"  2. 审核并标出问题：make-report check \"{path}\" --annotate（打开“….审核.xlsx”看标色的格子，在原工作簿中改正）；\n"
            f"  3. 没有错误后生成报告：make-report \"{path}\"")
