"""Inputs whose value the report cannot print as given (this project's additions, S-20…S-22):

* S-20 a 部门全称 far longer than any real name: the cover, the page header and the file name
  cannot hold it (Word's document title allows 255 characters);
* S-21 a count (团组数, 人次, 车辆数 …) below zero: "出国（境）团组 −3 个" is not a sentence;
  amounts below zero are S-14, a warning, because a negative amount can be right;
* S-22 a setting outside its range: a negative 偏差阈值 would demand a reason for every line; an
  option not in the list (possible in a report built by code — the reader reports a workbook's as
  R-ENUM) would otherwise silently take the default.  Both are :attr:`Settings.invalid`.
"""
from __future__ import annotations


from juesuan.model.findings import ERROR
from juesuan.spec.supplement import CODE, FIELDS, FIELD_SHEET, LISTS_BY_ID
from juesuan.checks.context import Context, money_of, quoted
from juesuan.checks.registry import define

G = "补充"
MAX_NAME = 100  # characters; real 部门全称 are under 40

define("S-20", "名称长度", f"G01 部门全称不超过 {MAX_NAME} 个字", ERROR,
       "{label}（{fid}）有 {n} 个字，超过 {limit} 个字，不像部门名称（封面、页眉和文件名都放不下）。",
       "请只填写部门全称，说明文字请写在“编制说明”等栏目", group=G)
define("S-21", "数量为负", "团组数、人次、车辆数等数量不小于 0", ERROR,
       "{sheet}“{label}”是数量，不能为负数（实际为 {value}）。", "请核对正负号；没有请填 0", group=G)
define("S-22", "设置取值", "设置.偏差阈值在 0 至 100 个百分点之间；其余设置为下拉列表中的选项", ERROR,
       "设置“偏差阈值”应在 0 至 100 之间（百分点），实际为 {value}。", "不懂可不改，默认 5", group=G,
       variants={"option": "设置“{name}”应为{options}之一，实际为“{value}”，已按默认值“{default}”生成。"})


def _name_length(ctx: Context) -> None:
    for fid in (CODE.G01,):
        value = ctx.report.supp.get(fid)
        text = str(value).strip() if value is not None else ""
        if len(text) > MAX_NAME:
            ctx.add("S-20", [ctx.field_cell(fid)], label=quoted(FIELDS[fid].label), fid=fid, n=len(text),
                    limit=MAX_NAME)


def _negative_counts(ctx: Context) -> None:
    r = ctx.report
    for fid, value in r.supp.fields.items():
        if fid in FIELDS and FIELDS[fid].kind == "int":
            v = money_of(value)
            if v is not None and v < 0:
                ctx.add("S-21", [ctx.field_cell(fid)], sheet=FIELD_SHEET[fid], label=FIELDS[fid].label,
                        value=int(v))
    for lid, spec in LISTS_BY_ID.items():
        for i, rec in enumerate(r.supp.records(lid)):
            for col in spec.columns:
                if col.kind == "int":
                    v = money_of(rec.values.get(col.key))
                    if v is not None and v < 0:
                        ctx.add("S-21", [ctx.list_cell(lid, i, col.key)], sheet=spec.name, label=col.label,
                                value=int(v))


def _settings(ctx: Context) -> None:
    for name, raw in ctx.report.settings.invalid:
        f = FIELDS[name]
        if f.kind != "enum":  # 偏差阈值
            value = money_of(raw)
            shown = raw if value is None else value.normalize() if value == value.to_integral() else value
            ctx.add("S-22", [ctx.field_cell(name)], value=shown)
            continue
        ctx.add("S-22", [ctx.field_cell(name)], "option", hint="请从下拉列表中选择", name=name, value=raw,
                options="、".join(f"“{c}”" for c in f.choices), default=f.default)


CHECKS = (_name_length, _negative_counts, _settings)
