"""第三部分 情况说明: the figures of :mod:`juesuan.figures` rendered by the Jinja templates in
``templates/narrative/`` (one file per section).  Python computes; the templates speak.

* :func:`build_part3` renders every section the settings select, in the order they select.
* The phrase filters (F1 amounts, F2 percentages, 增加/减少 …) are :mod:`juesuan.templating.filters`;
  the environment and the data files come from :class:`juesuan.templating.template_set.Templates`.
* Workbook text is only ever a *value* in the context: a reason containing ``{{ x }}`` is printed
  as written.  The environment is sandboxed with StrictUndefined (:func:`juesuan.templating.env.make_env`).
* Any template problem becomes a :class:`~juesuan.templating.env.TemplateProblem` naming file, line and
  variable.  Checking and documenting the templates: :mod:`juesuan.maintenance.templates_check`,
  :mod:`juesuan.maintenance.templates_vars`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.figures import ChartSpec, Figures
from juesuan.figures import chart_specs
from juesuan.figures import compute
from juesuan.spec.layouts import cn_number
from juesuan.model.report import Report
from juesuan.spec.settings import SettingError
from juesuan.templating.template_set import NARRATIVE, Templates, as_templates
from juesuan.templating.env import TemplateProblem, template_problem


@dataclass
class Section:
    id: str  # s01, s05_2 …
    number: str  # 一 (level 1) / （二） (level 2)
    title: str  # without number
    level: int  # 1 or 2
    paragraphs: list[str] = field(default_factory=list)
    figures: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index it follows, fig1…fig4)


def _selected(spec: dict, report: Report) -> bool:
    try:
        return report.settings.matches(spec.get("when", {}))
    except SettingError as exc:  # a typo in an override's sections.json: said, not a section dropped
        raise TemplateProblem("sections.json", None, f"{spec.get('id', '')} 的 when：{exc}") from None


def section_plan(report: Report, data: dict) -> list[dict]:
    """The sections the settings select, in order, each with its number."""
    order = data["orders"].get(report.settings.order) or next(iter(data["orders"].values()))
    chosen = [s for s in data["sections"] if _selected(s, report)]
    plan: list[dict] = []
    n1 = 0
    for top_id in order:
        top = next((s for s in chosen if s["id"] == top_id), None)
        if top is None:
            continue
        n1 += 1
        plan.append({**top, "number": data["number_format"]["1"].format(n=cn_number(n1))})
        subs = [s for s in chosen if s.get("parent") == top_id]
        for n2, sub in enumerate(subs, 1):
            plan.append({**sub, "number": data["number_format"]["2"].format(n=cn_number(n2))})
    return plan


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def render_section(env, name: str, context: dict) -> list[str]:
    """The paragraphs of one section template (``templates/narrative/<name>``)."""
    from juesuan.templating.limits import render_limited
    from juesuan.templating.shapes import control_problem
    try:
        text = render_limited(env.get_template(f"{NARRATIVE}/{name}"), context)
    except Exception as exc:  # every template failure becomes a TemplateProblem
        raise template_problem(exc, f"{NARRATIVE}/{name}") from None
    problem = control_problem(text)
    if problem:
        raise TemplateProblem(f"{NARRATIVE}/{name}", None, problem)
    return paragraphs_of(text)


def narrative_context(report: Report, figs: Figures) -> dict:
    """The figures of 第三部分 plus the names every parts template has (caliber, level, phone,
    prev_year …): one vocabulary for all templates; the figures' own values win."""
    from juesuan.render.parts import base_context
    return {**base_context(report), **figs.context()}


def report_charts(report: Report, figs: Figures, templates: Templates) -> list[ChartSpec]:
    """图1–图4 of this report: the figures of the text with the chart words of the templates."""
    return chart_specs(report, figs, templates.charts)


def build_part3(report: Report, templates: Templates | Path | None = None, figs: Figures | None = None,
                specs: list[ChartSpec] | None = None) -> list[Section]:
    """第三部分, section by section: numbers, titles, paragraphs and where 图1–图4 go.

    A render passes the ``figs`` and chart ``specs`` it computed once; alone (tests, previews)
    they are computed here.
    """
    templates = as_templates(templates)
    env = templates.narrative_env
    figs = figs if figs is not None else compute(report)
    if specs is None:
        specs = report_charts(report, figs, templates)
    ctx = narrative_context(report, figs)
    drawn = {c.fig_id for c in specs}
    out: list[Section] = []
    for spec in section_plan(report, templates.sections):
        paragraphs = render_section(env, spec["template"], ctx) if spec.get("template") else []
        placed = []
        fig = spec.get("figure")
        if fig and fig["id"] in drawn and paragraphs:
            after = fig.get("after", -1)
            placed.append((len(paragraphs) - 1 if after < 0 else min(after, len(paragraphs) - 1), fig["id"]))
        # a title names the report's own caliber (“单位决算中项目绩效自评结果” in a 单位决算)
        title = spec["title"].replace("部门决算", figs.caliber) if figs.caliber else spec["title"]
        out.append(Section(spec["id"], spec["number"], title, spec["level"], paragraphs, placed))
    return out


def heading_text(section: Section) -> str:
    return f"{section.number}{'、' if section.level == 1 else ''}{section.title}"

