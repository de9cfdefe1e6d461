"""make-report fill: the 科目说明 sheet pre-filled from the dictionary's checked wording, in a copy."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail


def _names(items) -> str:
    def one(i) -> str:
        notes = [n for n in (i.name, "" if i.known else "字典中没有这个编码，请核对编码") if n]
        return i.code + (f"（{'，'.join(notes)}）" if notes else "")
    return "、".join(one(i) for i in items)


@click.command(short_help="按科目字典预填“科目说明”表（另存副本）")
@click.argument("workbook", type=click.Path(path_type=Path), metavar="工作簿.xlsx")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="新工作簿.xlsx",
              help="副本的文件名（默认：工作簿旁的“X.已填说明.xlsx”）")
@click.option("--force", is_flag=True, help="副本文件已存在时覆盖")
def fill_command(workbook: Path, output: Path | None, force: bool) -> None:
    """为表中用到、“科目说明”表还没有说明的项，按科目字典中有出处的说明（取自已发布的报告或官方目录）
    在“科目说明”表加行，另存为副本；原工作簿不改动。每个填入的单元格带批注“请核对”。

    字典中未核对的说明不会填入；按统一句式生成的说明也不填入（报告照常采用，需改写时自己在表中填写）。

    退出码：0 成功，2 文件无法读取或参数错误。

    \b
    make-report fill 工作簿.xlsx
    make-report fill 工作簿.xlsx -o 新工作簿.xlsx
    """
    from juesuan import InputError, fill_explanations
    try:
        plan = fill_explanations(workbook, output, overwrite=force)
    except InputError as exc:
        fail(exc.message)
    if plan.output is not None:
        click.echo(f"已生成副本：{plan.output}")
        click.echo(f"  已按科目字典（{plan.edition}年版）填入 {len(plan.fill)} 个项的说明（“科目说明”表，"
                   "单元格带批注“请核对”）：")
        for item in plan.fill:
            click.echo(f"    {item.cell}  {item.code}{f'（{item.name}）' if item.name else ''}")
        click.echo("  请逐条核对；核对后用这份副本继续填写和生成报告。")
    else:
        click.echo("没有需要填入的说明：表中用到的项要么“科目说明”表已有说明，要么字典中没有有出处的说明。未生成副本。")
    if plan.pattern:
        click.echo(f"  按统一句式的说明未填入（报告照常采用字典的说明，需改写时在“科目说明”表填写）：{_names(plan.pattern)}")
    if plan.lacking:
        click.echo(f"  字典中没有可采用的说明，仍需在“科目说明”表自己填写（共 {len(plan.lacking)} 个）：{_names(plan.lacking)}")
