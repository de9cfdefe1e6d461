from __future__ import annotations

import click

from .common import EXIT_FINDINGS


@click.command(short_help="查科目编码、名称和说明")
@click.argument("query", metavar="编码或名称")
@click.option("--year", type=int, default=None, metavar="年度",
              help="报告年度，用不晚于该年度的最新版本科目（默认：最新版本）")
def kemu_command(query: str, year: int | None) -> None:
    """按编码或名称查科目：给数字时找以它开头的编码，否则找名称中含有它的科目。

    \b
    make-report kemu 工会
    make-report kemu 2012906 --year 2020
    """
    from juesuan import kemu_lookup as lookup
    if not query.strip():
        raise click.UsageError("请给出要查的科目编码或名称，如 make-report kemu 工会")
    edition, matches = lookup(query, year)
    if not matches:
        # the dictionary is not the official catalogue (some rows unverified, some 科目 missing):
        # say what it does not hold, never that the 科目 does not exist
        click.echo(f"科目字典未收录编码或名称含“{query}”的科目（各版本都没有）。"
                   f"字典不是官方目录，如该科目确实存在，请以当年《政府收支分类科目》为准。")
        raise SystemExit(EXIT_FINDINGS)
    kinds = {"func": "支出功能分类", "econ": "部门支出经济分类"}
    if year is not None and year < edition:
        note = f"（报告年度 {year} 早于字典最早的 {edition} 年版本，按 {edition} 年科目查，请核对）"
    else:
        note = f"（报告年度 {year}）" if year is not None else "（最新版本）"
    click.echo(f"按{edition}年科目{note}：")
    for m in matches:
        e = m.entry
        where = "" if e.valid_in(edition) else f"（不在{edition}年科目中，见{e.editions}科目）"
        click.echo(f"{e.code}  {e.name}（{e.level}）  {kinds[e.kind]}{where}")
        if len(m.path) and e.kind == "func":
            click.echo(f"    {m.full_name}")
        if e.printable_explanation:
            click.echo(f"    说明：{e.explanation}")
        elif e.explanation:
            click.echo(f"    说明（未核对，报告不采用；需要时请核对后填入“科目说明”表）：{e.explanation}")
        elif e.kind == "func" and e.level == "项":
            click.echo("    说明：（字典中没有说明；报告需要时请在工作簿的“科目说明”表填写）")
