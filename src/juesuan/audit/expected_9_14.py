"""The slots of 第三部分 九 … 十四 and the 截至 date, from the renderer's figures (see :mod:`.expected`)."""
from __future__ import annotations

import re
from decimal import Decimal

from juesuan.figures import compute
from juesuan.model.report import Report
from juesuan.model.money import percent
from juesuan.spec.supplement import CODE, FIELDS
from juesuan.audit.expected_1_8 import Builder, part_five, part_one_to_four, part_six_to_eight
from juesuan.audit.slots import Slot, name_role, role

BUDGET = role("(?:全年|年初)?预算(?:数)?", "预算数?为?")
FINAL = role("(?:支出)?决算(?:数)?")


def part_nine(b: Builder) -> None:
    f, r = b.figs, b.report
    sg = f.sangong
    t09 = r.t09.cells
    lines = (("total", "s09_1", sg.total, ()), ("abroad", "s09_2", sg.abroad, ("因公出国",)),
             ("car", "s09_2", sg.car, ("公务用车购置及运行",)), ("reception", "s09_2", sg.reception, ("公务接待",)))
    for key, section, line, entity in lines:
        k = line.completion
        bud = b.amount(f"{section}.{key}.budget", section, f"“三公”{line.name}全年预算", k.budget,
                       t09.get(f"budget_{key}", "公开09表"), BUDGET, entity=entity)
        fin = b.amount(f"{section}.{key}.final", section, f"“三公”{line.name}决算", k.final,
                       t09.get(f"final_{key}", "公开09表"), FINAL, entity=entity)
        b.completion(fin, k, "全年预算", bud.cell, sangong=True)
        prior = {"total": CODE.P09_1, "abroad": CODE.P09_2, "car": CODE.P09_3, "reception": CODE.P09_5}[key]
        b.change(fin, line.prior, "上年数 P09", b.field_cell(prior))
    names = (sg.car_purchase_name, sg.car_purchase_name.replace("运行维护费", "运行费"))
    b.amount("s09_2.car_purchase", "s09_2", sg.car_purchase_name, sg.car_purchase, t09.get("final_car_purchase", ""),
             name_role(*names, sg.car_purchase_name + "支出"), also=("s09_1",))
    names = (sg.car_run_name, sg.car_run_name.replace("运行维护费", "运行费"))
    b.amount("s09_2.car_run", "s09_2", sg.car_run_name, sg.car_run, t09.get("final_car_run", ""),
             name_role(*names), also=("s09_1",))
    # 「其中：因公出国（境）费0万元，公务用车购置及运行维护费0万元…」: each line's 决算 by its name, in 总体 too
    for key, _, line, _ in lines[1:]:
        names = {line.name, line.name.replace("（", "(").replace("）", ")"), line.name + "支出"}
        b.amount(f"s09_2.{key}.named", "s09_2", f"“三公”{line.name}决算", line.completion.final,
                 t09.get(f"final_{key}", "公开09表"), name_role(*sorted(names)), also=("s09_1",))
    b.amount("s09_2.foreign", "s09_2", "外宾接待支出", sg.foreign_amount, b.field_cell(CODE.N06), role("外宾接待(?:支出)?"))
    b.amount("s09_2.domestic", "s09_2", "国内公务接待支出", sg.domestic_amount, b.field_cell(CODE.N09),
             role("国内(?:公务)?接待(?:支出)?"))
    for fid, value, unit, rx, entity in (
            (CODE.N02, sg.groups_abroad, "个", role("团组"), ("出国",)), (CODE.N03, sg.people_abroad, "人次", None, ("出国",)),
            (CODE.N04, sg.cars_bought, "辆", role("公务用车"), ("购置",)), (CODE.N05, sg.cars_held, "辆", role("保有量"), ()),
            (CODE.N07, sg.foreign_groups, "个", role("团组"), ("外宾",)), (CODE.N08, sg.foreign_people, "人次", None, ("外宾",)),
            (CODE.N10, sg.domestic_groups, "个", role("团组"), ("国内",)),
            (CODE.N11, sg.domestic_people, "人次", None, ("国内",))):
        b.add(Slot(f"s09_2.{fid}", "s09_2", "count", FIELDS[fid].label, value, b.field_cell(fid), rx, entity=entity,
                   unit=unit))


def part_ten_to_twelve(b: Builder) -> None:
    f, r = b.figs, b.report
    a = f.admin
    if a.applicable:
        # without B04 the renderer prints the 公用经费 total; the cell says so (a report's own tables
        # cannot tell whether B04 was given)
        cell = b.field_cell(CODE.B04) if r.supp.get(CODE.B04) is not None else \
            f"{r.t06.public_cell or '公开06表 公用经费合计'}（B04 未填，按公用经费）"
        s = b.amount("s10.amount", "s10", "机关运行经费", a.amount.current, cell, role("机关运行经费(?:支出)?"))
        b.change(s, a.amount, "年初预算数 B03", b.field_cell(CODE.B03))
        prior = a.prior
        if prior.direction is not None:
            # 「与2023年度相比，机关运行经费增加3万元，上升9.38%」: the same amount against last year (P12);
            # its own slot, so the change is not judged against the budget comparison's
            p = b.amount("s10.prior", "s10", "机关运行经费（比上年）", prior.current, cell,
                         role(r"与\d{4}年度?相比，机关运行经费", r"机关运行经费(?:比|较)\d{4}年度?"))
            b.change(p, prior, "上年数 P12", b.field_cell(CODE.P12))
        if a.amount.base is not None:
            b.add(Slot("s10.amount.completion", "s10", "completion", "机关运行经费完成率",
                       percent(a.amount.current, a.amount.base, b.places), f"{cell} ÷ {b.field_cell(CODE.B03)}",
                       parent="s10.amount", num=a.amount.current, den=a.amount.base, num_label="机关运行经费",
                       den_label="年初预算数 B03"))

    p = f.procurement
    total = b.amount("s11.total", "s11", "政府采购支出总额", p.total, "采购 C01+C02+C03",
                     role("政府采购支出总额", "政府采购支出"))
    for key, part, words, fid in (("goods", p.goods, "货物", CODE.C01), ("works", p.works, "工程", CODE.C02),
                                  ("services", p.services, "服务", CODE.C03)):
        s = b.amount(f"s11.{key}", "s11", part.name, part.amount, b.field_cell(fid), role(f"(?:政府采购)?{words}(?:支出)?"))
        num_fid = {CODE.C01: CODE.C06, CODE.C02: CODE.C07, CODE.C03: CODE.C08}[fid]
        num = r.supp.get(num_fid)
        b.add(Slot(f"s11.{key}.sme_share", "s11", "share", f"{words}采购授予中小企业占比", part.share,
                   f"{b.field_cell(num_fid)} ÷ {s.cell}",
                   role(f"{words}采购授予中小企业合同金额占{words}支出金额"),
                   num=None if num is None else Decimal(str(num)), den=part.amount,
                   num_label=f"{words}采购授予中小企业合同金额", den_label=f"{words}支出金额",
                   alternatives=[("政府采购支出总额", p.total)]))
    sme = b.amount("s11.sme", "s11", "授予中小企业合同金额", p.sme.amount, b.field_cell(CODE.C04), role("授予中小企业合同金额"))
    b.share(sme, p.sme.share, p.total, "政府采购支出总额", total.cell)
    small = b.amount("s11.small", "s11", "授予小微企业合同金额", p.small.amount, b.field_cell(CODE.C05),
                     role("授予小微企业合同金额"))
    b.share(small, p.small.share, p.sme.amount, "授予中小企业合同金额", sme.cell,
            alternatives=[("政府采购支出总额", p.total)])

    s = f.assets
    b.add(Slot("s12.vehicles", "s12", "count", "车辆合计", s.vehicles, "资产 A01+…+A08", role("车辆"), unit="辆"))
    for i, c in enumerate(s.categories, 1):
        b.add(Slot(f"s12.A0{i}", "s12", "count", c.name, c.count, b.field_cell(f"A0{i}"), name_role(c.name),
                   unit="辆"))
    b.add(Slot("s12.A09", "s12", "count", "单位价值100万元以上设备", s.equipment, b.field_cell(CODE.A09),
               role("设备(?:（不含车辆）)?", "设备"), unit="台（套）"))


def part_thirteen(b: Builder) -> None:
    f, r = b.figs, b.report
    pf = f.perf
    b.add(Slot("s13.projects", "s13", "count", "自评项目个数", pf.projects_count, b.field_cell(CODE.E01), role("项目"),
               unit="个"))
    funds = b.amount("s13.funds", "s13", "项目自评资金", pf.funds, b.field_cell(CODE.E02), role("资金"),
                     entity=("项目支出",))
    project_total = r.t05.total_of("project")
    b.share(funds, pf.coverage, project_total, "一般公共预算项目支出", r.t05.total_cells.get("project", "公开05表"),
            alternatives=[("本年支出合计", r.t01.get("exp_total")), ("一般公共预算财政拨款支出合计", r.t05.total_of("total")),
                          ("基本支出", r.t05.total_of("basic"))])
    if pf.units:
        b.add(Slot("s13.units", "s13", "count", "整体自评单位数", pf.units, b.field_cell(CODE.E04), None,
                   after=re.compile(r"^个?部门"), unit="个"))
    b.amount("s13.whole_funds", "s13", "整体自评资金", pf.whole_funds,
             b.field_cell(CODE.E05) if r.supp.get(CODE.E05) is not None else r.t05.total_cells.get("total", "公开05表"),
             role("资金"), entity=("整体",))
    if pf.score is not None:
        b.add(Slot("s13.score", "s13", "score", "整体自评综合得分", pf.score, b.field_cell(CODE.E06),
                   role("综合得分", "整体自评得分", "总得分")))
    if pf.sub_scores:
        for i, words in enumerate(("预算执行(?:情况)?得?", "产出(?:指标)?得?", "效益(?:及满意度)?(?:指标)?得?"), 1):
            b.add(Slot(f"s13.sub{i}", "s13", "score", FIELDS[f"E09-{i}"].label, pf.sub_scores[i - 1],
                       b.field_cell(f"E09-{i}"), role(words)))
    b.add(Slot("s13.first_level", "s13", "count", "一级项目个数", pf.first_level, b.field_cell(CODE.E11), None,
               after=re.compile(r"^个?一级项目"), unit="个"))
    for i, e in enumerate(pf.evaluations):
        k = e.completion
        bud = b.amount(f"s13.e{i}.budget", "s13", f"项目“{e.name}”全年预算数", k.budget,
                       b.record_cell(CODE.E10, i, "budget"), role("(?:全年)?预算(?:数)?"), entity=(e.name,))
        fin = b.amount(f"s13.e{i}.spent", "s13", f"项目“{e.name}”执行数", k.final, b.record_cell(CODE.E10, i, "spent"),
                       role("执行数", "实际支出", "支出"), entity=(e.name,))
        b.completion(fin, k, "全年预算数", bud.cell)
        if e.score is not None:
            b.add(Slot(f"s13.e{i}.score", "s13", "score", f"项目“{e.name}”自评得分", e.score,
                       b.record_cell(CODE.E10, i, "score"), role("得分"), entity=(e.name,)))

    sp = f.special
    b.amount("s14.special", "s14", "专项支出", sp.special, b.field_cell(CODE.ZX2), role("专项支出"))
    b.amount("s14.transfer", "s14", "转移支付支出", sp.transfer, b.field_cell(CODE.ZX3), role("转移支付支出"))


def expected_slots(report: Report, figs=None) -> tuple[list[Slot], object]:
    """Every slot of 第三部分 and the Figures they come from."""
    figs = figs if figs is not None else compute(report)
    b = Builder(report, figs)
    part_one_to_four(b)
    part_five(b)
    part_six_to_eight(b)
    part_nine(b)
    part_ten_to_twelve(b)
    part_thirteen(b)
    if figs.year:
        b.add(Slot("date", "*", "date", "截至日期（本年度年末）", f"{figs.year:04d}-12-31", f"年度 {b.field_cell('G03')}"))
    return b.slots, figs
