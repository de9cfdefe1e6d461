"""The slots of 第三部分 (一 … 八), from the renderer's own figures (:func:`juesuan.figures.compute`).

Every number here is the one the rendered report prints, and every slot names the cell behind it.  A
hand-written report may list items the renderer leaves out (zero income items, all 表2/表3 columns), so
those slots are made from the same tables even when the figures skip them.  九 … 十四 are in
:mod:`.expected_more`.
"""
from __future__ import annotations

import re
from juesuan.spec.layouts import T02 as L02, T03 as L03
from juesuan.model.report import Report
from juesuan.model.money import percent
from juesuan.spec.supplement import CODE
from juesuan.audit.slots import Slot, name_role, role


class Builder:
    """Collects the slots; small helpers for the shapes that repeat (a change, a share, a completion)."""

    def __init__(self, report: Report, figs):
        self.report, self.figs = report, figs
        self.places = figs.opts.places
        self.slots: list[Slot] = []

    # -- cells ------------------------------------------------------------------------------
    def field_cell(self, fid: str) -> str:
        return self.report.supp.cells.get(fid) or f"{fid}（未填）"

    def record_cell(self, list_id: str, index: int, col: str) -> str:
        records = self.report.supp.records(list_id)
        if 0 <= index < len(records):
            return records[index].cells.get(col, list_id)
        return list_id

    def b02_cell(self, code: str, col: str = "budget") -> str:
        cells = [r.cells.get(col, "项级预算") for r in self.report.supp.records(CODE.B02)
                 if str(r.get("code", "")).strip() == code]
        return "+".join(cells) if cells else f"项级预算 {code}（未填，按0）"

    def t05_cell(self, code: str) -> str:
        cells = [r.cells.get("total", "") for r in self.report.t05.rows if r.code.startswith(code)]
        cells = [c for c in cells if c]
        if not cells:
            return f"公开05表 {code}（无此行，按0）"
        return cells[0] if len(cells) == 1 else f"{cells[0]}…{cells[-1]} 之和"

    # -- slots ------------------------------------------------------------------------------
    def add(self, slot: Slot) -> Slot:
        self.slots.append(slot)
        return slot

    def amount(self, key, section, label, value, cell, role_re=None, **kw) -> Slot:
        return self.add(Slot(key, section, "amount", label, value, cell, role_re, **kw))

    def change(self, parent: Slot, ch, base_label: str, base_cell: str) -> None:
        """增加/减少 X万元 and 上升/下降 Y% of ``parent`` against its base (上年数 or 年初预算数)."""
        if ch is None or ch.direction is None or ch.base is None:
            return
        base = "prior" if "上年" in base_label else "budget"
        self.add(Slot(parent.key + ".change", parent.section, "change", f"{parent.label}变动额", ch.amount,
                      f"|{parent.cell} − {base_cell}|", parent=parent.key, direction=ch.direction,
                      entity=parent.entity, base=base))
        self.add(Slot(parent.key + ".rate", parent.section, "rate", f"{parent.label}变动率", ch.rate,
                      f"|{parent.cell} − {base_cell}| ÷ {base_cell}", parent=parent.key, direction=ch.direction,
                      num=ch.amount, den=ch.base, num_label="变动额", den_label=base_label, entity=parent.entity,
                      alternatives=[(f"本年数（{parent.label}）", ch.current)], base=base))

    def share(self, parent: Slot, share, den, den_label: str, den_cell: str, role_re=None, key: str = "share",
              alternatives=()) -> None:
        if share is None and den:
            share = percent(parent.value, den, self.places)
        self.add(Slot(f"{parent.key}.{key}", parent.section, "share", f"{parent.label}占比", share,
                      f"{parent.cell} ÷ {den_cell}", role_re, parent=None if role_re else parent.key,
                      num=parent.value, den=den, num_label=parent.label, den_label=den_label,
                      entity=parent.entity, alternatives=list(alternatives)))

    def completion(self, final: Slot, comp, budget_label: str, budget_cell: str, sangong: bool = False) -> None:
        self.add(Slot(final.key + ".completion", final.section, "completion", f"{final.label}完成率", comp.rate,
                      f"{final.cell} ÷ {budget_cell}", parent=final.key, num=comp.final, den=comp.budget,
                      num_label=final.label, den_label=budget_label, sangong=sangong, entity=final.entity))


TOTAL_WORDS = r"收、?支总计"


def composition(b: Builder, section: str, comp, table, column: str | None = None) -> None:
    """「收入总计包括本年收入合计…和年初结转和结余…；支出总计包括…」 (when 结转结余 are not 0)."""
    if comp is None:
        return
    for side, parts in (("income", comp.income), ("expense", comp.spending)):
        for p in parts:
            cell = table.cell(p.key, column) if column and side == "expense" else table.cell(p.key)
            b.amount(f"{section}.{p.key}", section, p.name, p.amount, cell or p.key, name_role(p.name))


def part_one_to_four(b: Builder) -> None:
    f, r = b.figs, b.report
    g = f.overall.grand
    # (older reports split it: 「2023年度收入93.93万元……2023年度支出93.93万元」)
    s = b.amount("s01.grand", "s01", "收、支总计", g.current, r.t01.cell("inc_grand") or "公开01表 总计",
                 role(TOTAL_WORDS, r"\d{4}年度?(?:收入|支出)(?:总计)?", "收入总计", "支出总计"))
    b.change(s, g, "上年数 P01", b.field_cell(CODE.P01))
    composition(b, "s01", getattr(f.overall, "composition", None), r.t01)

    # 二 and 三: 收入合计 / 支出合计 and every 表2 / 表3 column (a hand-written report lists zero items too)
    for sec, part, label, table, layout, words, prior in (
            ("s02", f.income, "本年收入合计", r.t02, L02, role("收入合计", "本年收入", TOTAL_WORDS), CODE.P02),
            ("s03", f.expense, "本年支出合计", r.t03, L03, role("支出合计", "本年支出"), CODE.P03)):
        t = part.total
        sheet = layout.sheet_name
        cell = (r.t01.cell("inc_total") or "公开01表 本年收入合计") if sec == "s02" else \
            r.t03.total_cells.get("total", sheet)
        s = b.amount(f"{sec}.total", sec, label, t.current, cell, words)
        b.change(s, t, f"上年数 {prior}", b.field_cell(prior))
        shares = {p.key: p.share for p in part.items}
        for col in layout.columns[1:]:
            item = b.amount(f"{sec}.{col.key}", sec, col.label, table.total_of(col.key),
                            table.total_cells.get(col.key, sheet), name_role(col.label))
            b.share(item, shares.get(col.key), t.current, label, s.cell, alternatives=[("收、支总计", g.current)])

    g4 = f.fiscal.grand
    s = b.amount("s04.grand", "s04", "财政拨款收、支总计", g4.current,
                 r.t04.cell("f_inc_grand") or "公开04表 总计", role("财政拨款" + TOTAL_WORDS))
    b.change(s, g4, "上年数 P04", b.field_cell(CODE.P04))
    composition(b, "s04", getattr(f.fiscal, "composition", None), r.t04, "total")
    # older reports: 「财政拨款收入为84.25万元……财政拨款支出为82.16万元」 (表4 本年收入 / 支出合计)
    b.amount("s04.income", "s04", "财政拨款本年收入合计", r.t04.get("f_inc_total"), r.t04.cell("f_inc_total") or "公开04表",
             role("财政拨款收入(?:合计)?"))
    b.amount("s04.spending", "s04", "财政拨款本年支出合计", r.t04.get("f_exp_total", "total"),
             r.t04.cell("f_exp_total", "total") or "公开04表", role("财政拨款支出(?:合计)?"))
    rows = {"gpb": ("f_gpb", CODE.P05), "fund": ("f_fund", CODE.P06), "soc": ("f_soc", CODE.P07)}
    present = {fl.key: fl for fl in f.fiscal.funds}
    for key, (row, prior) in rows.items():
        fl = present.get(key)
        value = fl.change.current if fl else r.t04.get(row)
        name = fl.name if fl else {"gpb": "一般公共预算财政拨款收入", "fund": "政府性基金预算财政拨款收入",
                                   "soc": "国有资本经营预算财政拨款收入"}[key]
        item = b.amount(f"s04.{key}", "s04", name, value, r.t04.cell(row) or "公开04表",
                        role(re.escape(name), re.escape(name[:-2]) if name.endswith("收入") else re.escape(name)))
        if fl:
            b.change(item, fl.change, f"上年数 {prior}", b.field_cell(prior))


def part_five(b: Builder) -> None:
    f, r = b.figs, b.report
    gp = f.gpb
    total_cell = r.t05.total_cells.get("total", "公开05表 合计")
    s = b.amount("s05_1.total", "s05_1", "一般公共预算财政拨款支出", gp.total.current, total_cell,
                 role("一般公共预算财政拨款支出", "一般公共预算支出"))
    b.share(s, gp.share_of_expense, r.t01.get("exp_total"), "本年支出合计", r.t01.cell("exp_total") or "公开01表",
            alternatives=[("一般公共预算财政拨款支出本身", gp.total.current)])
    b.change(s, gp.total, "上年数 P08", b.field_cell(CODE.P08))

    s = b.amount("s05_2.total", "s05_2", "一般公共预算财政拨款支出", gp.total.current, total_cell,
                 role("一般公共预算财政拨款支出", "一般公共预算支出"))
    for c in gp.classes:
        item = b.amount(f"s05_2.{c.code}", "s05_2", f"{c.name}（{c.code}）", c.amount, b.t05_cell(c.code),
                        role(re.escape(c.short) + r"(?:支出)?(?:（类）|\(类\))?(?:支出)?"))
        b.share(item, c.share, gp.total.current, "一般公共预算财政拨款支出合计", total_cell)

    k = gp.budget
    total_subject = re.compile(r"一般公共预算(?:财政拨款)?支出(?:年初预算|决算|总额|合计|$|[，,为])")
    subject_line = re.compile(r"[（(][类款项][)）]")
    budget = b.amount("s05_3.budget", "s05_3", "一般公共预算财政拨款支出年初预算", k.budget, b.field_cell(CODE.B01),
                      role("年初预算(?:数)?"), subject=total_subject, not_after=subject_line)
    final = b.amount("s05_3.final", "s05_3", "一般公共预算财政拨款支出决算", k.final, total_cell,
                     role("支出决算(?:数)?", "决算(?:数)?", "一般公共预算财政拨款支出"), subject=total_subject,
                     not_after=subject_line)
    b.completion(final, k, "年初预算 B01", budget.cell)
    for key, part in (("basic", gp.basic), ("project", gp.project)):
        item = b.amount(f"s05_3.{key}", "s05_3", part.name, part.amount,
                        r.t05.total_cells.get(key, "公开05表"), name_role(part.name))
        b.share(item, part.share, gp.total.current, "一般公共预算财政拨款支出合计", total_cell)
    for i, p in enumerate(gp.projects):
        b.amount(f"s05_3.project.{i}", "s05_3", f"项目“{p.name}”", p.amount, b.record_cell(CODE.U02, i, "amount"),
                 name_role(p.name))
    for it in gp.items:
        names = tuple(s.name for s in it.path)
        comp = it.completion
        label = "".join(f"{s.name}（{'类款项'[s.level - 1]}）" for s in it.path)
        bud = b.amount(f"s05_3.{it.code}.budget", "s05_3", f"{label}年初预算", comp.budget, b.b02_cell(it.code),
                       role("年初预算(?:数)?"), entity=names)
        fin = b.amount(f"s05_3.{it.code}.final", "s05_3", f"{label}支出决算", comp.final, b.t05_cell(it.code),
                       role("支出决算(?:数)?", "决算(?:数)?"), entity=names,
                       elsewhere=[(row.cells.get("total", "公开03表"), row.get("total"))
                                  for row in r.t03.rows if row.code == it.code])
        b.completion(fin, comp, "年初预算", bud.cell)


def part_six_to_eight(b: Builder) -> None:
    f, r = b.figs, b.report
    bs = f.basic
    b.amount("s06.basic", "s06", "基本支出", bs.total, r.t05.total_cells.get("basic", "公开05表"), role("基本支出"))
    # 表6 is the 一般公共预算 basic spending: 五 may state its two totals too (「其中：人员经费…，公用经费…」)
    b.amount("s06.personnel", "s06", "人员经费", bs.personnel, r.t06.personnel_cell or "公开06表 人员经费合计",
             role("人员经费"), also=("s05_1", "s05_3"))
    b.amount("s06.public", "s06", "公用经费", bs.public, r.t06.public_cell or "公开06表 公用经费合计",
             role("公用经费"), also=("s05_1", "s05_3"))
    for d in bs.personnel_details + bs.public_details:
        names = {d.name, d.name.replace("（", "(").replace("）", ")")}
        b.amount(f"s06.{d.code}", "s06", f"{d.name}（{d.code}）", d.amount, r.t06.cells.get(d.code, "公开06表"),
                 name_role(*sorted(names)))

    fd = f.fund
    t07 = r.t07.total_cells
    for key, label, value, col in (("begin", "年初结转和结余", fd.begin, "begin"), ("income", "本年收入", fd.income, "income"),
                                   ("end", "年末结转和结余", fd.end, "end")):
        b.amount(f"s07.{key}", "s07", f"政府性基金{label}", value, t07.get(col, "公开07表"), name_role(label))
    spend = b.amount("s07.spend", "s07", "政府性基金本年支出", fd.spend.current, t07.get("total", "公开07表"),
                     role("本年支出", "政府性基金预算财政拨款支出"))
    b.change(spend, fd.spend, "上年数 P10", b.field_cell(CODE.P10))
    uses(b, "s07", fd.items, r.t07)

    so = f.soc
    t08 = r.t08.total_cells
    spend = b.amount("s08.spend", "s08", "国有资本经营本年支出", so.spend.current, t08.get("total", "公开08表"),
                     role("本年支出", "国有资本经营预算财政拨款支出"))
    b.change(spend, so.spend, "上年数 P11", b.field_cell(CODE.P11))
    b.amount("s08.basic", "s08", "国有资本经营基本支出", so.basic, t08.get("basic", "公开08表"), role("基本支出"))
    b.amount("s08.project", "s08", "国有资本经营项目支出", so.project, t08.get("project", "公开08表"), role("项目支出"))
    uses(b, "s08", getattr(so, "items", []), r.t08)


def uses(b: Builder, section: str, items, table) -> None:
    """七、八: each 项 spent, by its name (「用于体育事业的彩票公益金支出112万元」)."""
    for it in items:
        names = tuple(s.name for s in it.path)
        last = names[-1]
        b.amount(f"{section}.{it.code}", section, "".join(f"{n}（{'类款项'[i]}）" for i, n in enumerate(names)),
                 it.completion.final,
                 next((x.cells.get("total", table.sheet or "") for x in table.rows if x.code == it.code), ""),
                 name_role(last, last[2:] if last.startswith("用于") else last))

