"""What the parts templates are given (第一、二、四、五、六部分 and the 第三部分 title).  The wording and
the order of the parts are in templates/parts/*.j2 (the skeleton is parts/document.j2); this module
gathers the values (cleaned workbook text, names from the 科目 dictionary) and the tables.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.spec.catalog import catalog, kemu_name
from juesuan.figures.explanations import explained_rows, given
from juesuan.model.grid import Grid
from juesuan.spec.layouts import T01, T09
from juesuan.model.report import Report
from juesuan.spec.supplement import CODE
from juesuan.render.blocks import Block, TableBlock
from juesuan.render.public_tables import part2_tables, subject, table_blocks, table_texts
from juesuan.render.selfeval import indicators_by_owner, overall_grid, project_grid
from juesuan.render.text import clean, one_line, render_template

DIRECT = {"区级": "区直", "县级": "县直", "市级": "市直", "省级": "省直"}


# The names every template has, parts and narrative alike (templates vars lists them with an example).
SHARED_DOCS = {
    "dept": "部门（单位）名称 G01",
    "short": "部门简称 G02（空则全称）",
    "year": "年度 G03",
    "prior_year": "上年（年度−1）",
    "prev_year": "prior_year 的旧名（仍可用）",
    "caliber": "决算口径 G04（部门决算 / 单位决算）",
    "subject": "主体自称 G05（空则部门决算“本部门”，否则“本单位”）",
    "level": "财政级次 G06（区级、县级……，空则区级）",
    "level_short": "财政级次的第一个字（区、县……）",
    "direct": "直属称谓（区直、县直……）",
    "phone": "公开电话 G14（可空）",
}


def base_context(report: Report) -> dict:
    level = one_line(report.supp.get(CODE.G06)) or "区级"
    year = report.year
    return {
        "dept": one_line(report.name),
        "short": one_line(report.supp.get(CODE.G02)) or one_line(report.name),
        "year": year,
        "prior_year": year - 1 if year else None,
        "prev_year": year - 1 if year else None,  # the parts templates' first name for prior_year
        "caliber": one_line(report.supp.get(CODE.G04)) or "部门决算",
        "subject": subject(report),
        "level": level,
        "level_short": level[:1],
        "direct": DIRECT.get(level, level[:1] + "直"),
        "phone": one_line(report.supp.get(CODE.G14)),
    }


def shared_context(report: Report, figs=None) -> dict:
    """One vocabulary: the figures of 第三部分 and the names of the parts, for every template.
    On a name both have (dept, year, subject) the parts' value is used here; the narrative
    templates keep the figures' own (render/narrative.py)."""
    from juesuan.figures import compute
    figs = figs if figs is not None else compute(report)
    return {**figs.context(), **base_context(report)}


def keywork_grid(report: Report) -> Grid | None:
    records = report.supp.records(CODE.W03)
    if not records:
        return None
    g = Grid(4, col_kinds=["hangci", "text", "text", "text"], widths=[6, 22, 30, 42])
    g.add("header", ["序号", "重要事项", "工作内容及目标", "完成情况"])
    g.header_count = 1
    for i, r in enumerate(records, start=1):
        no = r.get("no")
        g.add("body", [str(no) if no not in (None, "") else str(i), clean(r.get("item")), clean(r.get("goal")),
                       clean(r.get("result"))])
    return g


@dataclass
class SubjectLine:
    cls: str
    kuan: str
    item: str
    explanation: str
    code: str


def used_subjects(report: Report) -> list[SubjectLine]:
    """The 项 of 表5 with spending and those only in 表7/表8 (docs/RULES.md, 第五部分), named as the workbook
    prints them (the dictionary of the report's edition when the tables disagree or print no name).
    One without a 科目说明 is printed with the name only, never a placeholder; the check says so
    (C-7, found there once, not again here)."""
    k = catalog(report.year)
    printed: dict[str, list[str]] = {}
    for tid in ("T05", "T03", "T02", "T07", "T08"):
        for r in report.tables[tid].rows:
            printed.setdefault(r.code, []).append(one_line(r.name))
    overrides = {code: clean(text) for code, text in given(report).items()}
    codes = sorted(explained_rows(report))

    def name(c: str) -> str:
        return kemu_name(c, k, printed.get(c, []))

    lines = [SubjectLine(name(c[:3]), name(c[:5]), name(c), (overrides.get(c) or k.explanation(c)).rstrip(), c)
             for c in codes]
    return lines


def car_name(report: Report) -> str:
    header = next(c.groups[-1] for c in T09.columns if c.key == "final_car")
    if report.settings.car_run:
        return "公务用车购置及运行费"
    if report.settings.car_full:
        return "公务用车购置及运行维护费"
    return header


def _notes(env, name: str, ctx: dict) -> str:
    return "\n".join(ln.strip() for ln in render_template(env, name, ctx).split("\n") if ln.strip())


@dataclass
class PartsInput:
    """What the skeleton (parts/document.j2) and the part templates it includes are given: one
    context for all of them (the same names in every part) and the tables by id.  ``content`` is the workbook text each part prints, by code, so
    the document can tell which of it no template placed."""
    context: dict
    tables: dict[str, list[Block]]
    content: dict[str, list[str]]
    problems: list[str] = field(default_factory=list)  # what parts/tables.j2 set that is not used
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 公开表 id -> (表名, 表号): its heading says one


def parts_input(env, report: Report, figs=None) -> PartsInput:
    s = report.supp
    ctx = shared_context(report, figs)
    # 第一部分 概况
    ctx.update(
        duties=[clean(r.get("text")) for r in s.records(CODE.G10) if clean(r.get("text"))],
        units=[one_line(r.get("name")) for r in s.records(CODE.G12) if one_line(r.get("name"))],
        sub_units=int(s.get(CODE.G11) or 0),
        staff=clean(s.get(CODE.G13)),
    )
    tables: dict[str, list[Block]] = {}
    # 第四部分 其他需要说明的情况 / 重点工作完成情况
    items = [{"title": one_line(r.get("title")), "body": clean(r.get("body"))} for r in s.records(CODE.W02)
             if one_line(r.get("title")) or clean(r.get("body"))]
    grid = keywork_grid(report)
    if grid:
        tables[CODE.W03] = [TableBlock(grid, font_pt=10.5)]
    ctx.update(kind=one_line(s.get(CODE.W01)) or "其他需要说明的情况", items=items, keywork=grid is not None)
    # 第五部分 名词解释
    subjects = used_subjects(report)
    terms = [{"term": one_line(r.get("term")), "text": clean(r.get("text"))} for r in s.records(CODE.M01)
             if one_line(r.get("term"))]
    nonfiscal = report.t01.names.get("inc_nonfiscal") or T01.side("income").row("inc_nonfiscal").name
    ctx.update(subjects=subjects, terms=terms, car=car_name(report), nonfiscal_name=one_line(nonfiscal),
               glossary_brief=report.settings.terms_brief)
    # 第六部分 附件: the self-evaluation forms
    projects = [r for r in s.records(CODE.E10) if one_line(r.get("name"))]
    overall_notes = _notes(env, "parts/selfeval_notes_overall.j2", ctx)
    project_notes = _notes(env, "parts/selfeval_notes_project.j2", ctx)
    tables["X01"] = [TableBlock(overall_grid(report, overall_notes))]
    indicators = indicators_by_owner(report)
    for i, rec in enumerate(projects, start=1):
        tables[f"X02-{i}"] = [TableBlock(project_grid(report, rec, project_notes, indicators))]
    ctx["projects"] = [one_line(r.get("name")) for r in projects]
    # 第二部分 the 公开表, their words from parts/tables.j2 (given every other name of the parts)
    texts, text_problems = table_texts(env, report, ctx)
    listed = part2_tables(report, texts)
    tables = {**{t["id"]: table_blocks(report, t["id"], texts[t["id"]]) for t in listed}, **tables}  # 公开表 first
    ctx["tables"] = listed
    content = {CODE.W02: [it["title"] or it["body"] for it in items],
               CODE.M01: [t["term"] for t in terms],
               CODE.G10: ctx["duties"]}
    return PartsInput(ctx, tables, content, text_problems, {tid: (t.title, t.number) for tid, t in texts.items()})


__all__ = ["parts_input", "PartsInput", "base_context", "used_subjects"]
