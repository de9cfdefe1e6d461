"""Inputs the report needs that must never be silently taken as 0 or as empty.

* 三公明细, 政府采购 and 资产: every field marked 必填.  A blank is not a 0 — the text would say
  "共有车辆0辆" for a department that simply did not fill the sheet — so a blank is an 错误 at its
  cell; a department without cars types 0.  (The reader keeps blank and 0 apart: a blank field
  is absent from ``report.supp.fields``, a typed 0 is present.)
* The "部门：…" line of the nine tables against 概况 (S-17, 警告): the tables were exported for
  another unit, or the name in 概况 is wrong.
"""
from __future__ import annotations

import re

from juesuan.model.findings import ERROR, WARNING
from juesuan.spec.supplement import BLANK_IS_NOT_ZERO, CODE, FIELDS
from juesuan.checks.context import Context, quoted
from juesuan.checks.registry import define

define("S-17", "表头部门名称与概况一致", "九张表“部门：…”行的名称 = 概况 G15（空则 G01）", WARNING,
       "{where}表头“部门：{found}”与概况{fid}{label}“{name}”不一致。", group="补充",
       hint="请核对这些表是否为本单位的报表，或改正概况中的名称")

def _blank_counts(ctx: Context) -> None:
    supp = ctx.report.supp
    for spec in BLANK_IS_NOT_ZERO:
        required = [f for f in spec.fields if f.required]
        if ctx.report.source and not any(f.id in supp.cells for f in spec.fields):
            continue  # the sheet is missing: the reader's R-SHEET says so, as an error, once
        for f in required:
            cell = ctx.field_cell(f.id)
            if supp.get(f.id) is None and cell not in ctx.reported:
                ctx.add("S-11", [cell], severity=ERROR, sheet=spec.name, label=quoted(f.label), fid=f.id,
                        hint=f"请在 {cell} 填写{quoted(f.label)}；没有的请填 0（空白不会当作 0）")


def _unit_lines(ctx: Context) -> None:
    fid = CODE.G15 if ctx.text(CODE.G15) else CODE.G01
    expected = ctx.text(fid)
    if not expected or any(ctx.field_cell(fid) in f.cells for f in ctx.findings):
        return  # a missing or unusable name is reported already (S-11, S-20)
    by_name: dict[str, list[str]] = {}
    for tid in sorted(ctx.report.unit_lines):
        found, cell = ctx.report.unit_lines[tid]
        if _plain(found) != _plain(expected):
            by_name.setdefault(found, []).append(cell)
    for found, cells in by_name.items():
        where = "、".join(dict.fromkeys(c.split("!")[0] for c in cells))
        ctx.add("S-17", [*cells, ctx.field_cell(fid)], where=where, found=found, fid=fid,
                label=quoted(FIELDS[fid].label), name=expected)


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


CHECKS = (_blank_counts, _unit_lines)
