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

from juesuan.model.findings import ERROR, INFO, WARNING
from juesuan.spec.supplement import BLANK_IS_NOT_ZERO, CODE, FIELDS, LISTS_BY_ID, SANGONG, YES_NO
from juesuan.checks.context import Context, quoted
from juesuan.checks.registry import define

define("S-17", "表头部门名称与概况一致", "九张表“部门：…”行的名称 = 概况 G15（空则 G01）", WARNING,
       "{where}表头“部门：{found}”与概况{fid}{label}“{name}”不一致。", group="补充",
       hint="请核对这些表是否为本单位的报表，或改正概况中的名称")

define("S-27", "沿用的行待填本年数", "init --from 沿用的行（项目名称、指标名称、科目编码）本年数字未填：不写入报告",
       INFO, "“{sheet}”有 {n} 行沿用自上年、尚未填写本年的{what}（第{rows}行），这些行不会写入报告。", group="补充",
       hint="本年仍有的，请填写这些行；本年没有的，请删除这些行")
define("S-28", "“三公”全部为0", "三公明细 N12 = 是 时，公开09表各栏和 N02–N11 都应为 0", ERROR,
       "三公明细 N12 写明本年“三公”经费全部为0，但{what}。", group="补充",
       hint="请核对：有“三公”经费的，把 N12 改为“否”并填写 N02–N11")
define("S-29", "封面日期", "概况 G08（封面日期）应填写", WARNING,
       "概况 G08“封面日期”未填，报告封面将不印日期。", group="补充", hint="请在概况 G08 填写报告日期，如 2025年9月")
WAITING_WHAT = {CODE.B02: "年初预算数和差异原因", CODE.U02: "金额和主要成效", CODE.E10: "预算数、执行数和产出",
                "X": "目标值、完成值和得分"}  # 绩效指标 (its 编号 is a plain letter, not a CODE name)


def sangong_all_zero(supp) -> bool:
    """三公明细 N12 = 是: the department states it had no 三公 spending (N02–N11 need not be typed)."""
    return str(supp.get(CODE.N12) or "").strip() == YES_NO[1]


def _blank_counts(ctx: Context) -> None:
    supp = ctx.report.supp
    for spec in BLANK_IS_NOT_ZERO:
        if spec is SANGONG and sangong_all_zero(supp):
            continue
        required = [f for f in spec.fields if f.required]
        if ctx.report.source and not any(f.id in supp.cells for f in spec.fields):
            continue  # the sheet is missing: the reader's R-SHEET says so, as an error, once
        for f in required:
            cell = ctx.field_cell(f.id)
            if supp.get(f.id) is None and cell not in ctx.reported:
                ctx.add("S-11", [cell], severity=ERROR, sheet=spec.name, label=quoted(f.label), fid=f.id,
                        hint=f"请在 {cell} 填写{quoted(f.label)}；没有的请填 0（空白不会当作 0）"
                        + ("；本年没有任何“三公”经费的，可把 N12 选为“是”，N02–N11 就不必逐格填写" if spec is SANGONG else ""))


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


def _waiting(ctx: Context) -> None:
    """One 提示 per list sheet for the rows init --from carried that still wait for this year."""
    for lid, rows in ctx.report.supp.waiting.items():
        spec = LISTS_BY_ID[lid]
        first_col = "A"
        span = f"{rows[0]}" if len(rows) == 1 else f"{rows[0]}–{rows[-1]}" if rows[-1] - rows[0] + 1 == len(rows) \
            else "、".join(str(r) for r in rows)
        ctx.add("S-27", [f"{spec.name}!{first_col}{rows[0]}"], sheet=spec.name, n=len(rows), rows=span,
                what=WAITING_WHAT.get(lid, "数字"))


def _sangong_zero(ctx: Context) -> None:
    supp = ctx.report.supp
    if not sangong_all_zero(supp):
        return
    t09 = ctx.report.tables["T09"]
    if any(v != 0 for v in t09.values.values()):
        ctx.add("S-28", [ctx.field_cell(CODE.N12)], what="公开09表有不为0的数")
    typed = [f.id for f in SANGONG.fields if f.id not in (CODE.N12, CODE.N01) and supp.get(f.id) not in (None, 0)]
    if typed:
        ctx.add("S-28", [ctx.field_cell(CODE.N12), *(ctx.field_cell(fid) for fid in typed)],
                what="、".join(typed) + " 填了不为0的数")


def _cover_date(ctx: Context) -> None:
    if ctx.report.source and ctx.report.supp.get(CODE.G08) is None and ctx.field_cell(CODE.G08) not in ctx.reported:
        ctx.add("S-29", [ctx.field_cell(CODE.G08)])


CHECKS = (_blank_counts, _unit_lines, _waiting, _sangong_zero, _cover_date)
