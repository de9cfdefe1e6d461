"""第三部分 as blocks: the narrative sections (juesuan.render.narrative) with 图1–图4 placed in them.

The charts are drawn from the chart specs the document computed with the figures of the text,
so the pictures show the numbers the text prints.  A pie whose values are all zero has no spec
(or the chart function returns None): then neither the picture nor its caption appears.
"""
from __future__ import annotations

import re

from juesuan.figures import ChartSpec, Figures
from juesuan.model.report import Report
from juesuan.spec.finding_ids import title_of
from juesuan.render.narrative import build_part3, heading_text
from juesuan.templating.template_set import Templates
from juesuan.render.docx import styles as S
from juesuan.render.blocks import Block, Heading, Para, Picture
from juesuan.render.text import clean

# A chart that is not drawn (all zero, one slice) leaves no gap: 图1, 图2, 图3 in the order shown.
_CAPTION_NUMBER = re.compile(r"^图\d+")


def chart_pictures(specs: list[ChartSpec], notes: list | None = None) -> dict[str, tuple[bytes, str]]:
    """fig id -> (PNG bytes, caption) for every chart that is drawn.  A chart that cannot be
    drawn is left out (with its caption) and reported in ``notes``; the report still renders."""
    from juesuan.render.charts import draw as charts
    from juesuan.model.findings import WARNING, Finding
    out: dict[str, tuple[bytes, str]] = {}
    for spec in specs:
        draw = charts.bar_chart if spec.kind == "bar" else charts.pie_chart
        try:
            png = draw(**spec.args)
        except Exception as exc:  # a chart must never cost the whole report
            if notes is not None:
                notes.append(Finding("R-CHART", WARNING, f"{spec.caption.split('：')[0]}无法绘制，报告中省略该图（{exc}）",
                                     title=title_of("R-CHART")))
            continue
        if png:
            out[spec.fig_id] = (png, spec.caption)
    return out


def part3_body(report: Report, templates: Templates, figs: Figures, specs: list[ChartSpec],
               notes: list | None = None) -> list[Block]:
    sections = build_part3(report, templates, figs, specs)
    pictures = chart_pictures(specs, notes) if any(s.figures for s in sections) else {}
    blocks: list[Block] = []
    shown = 0
    for sec in sections:
        blocks.append(Heading(min(sec.level + 1, 3), clean(heading_text(sec))))
        after: dict[int, list[str]] = {}
        for index, fig in sec.figures:
            after.setdefault(index, []).append(fig)
        last = len(sec.paragraphs) - 1
        for i, text in enumerate(sec.paragraphs):
            blocks.append(Para(clean(text)))
            for fig in after.get(i, []) + (sum((v for k, v in after.items() if k > last), []) if i == last else []):
                if fig in pictures:
                    png, caption = pictures[fig]
                    shown += 1
                    caption = _CAPTION_NUMBER.sub(f"图{shown}", caption, count=1)
                    blocks.append(Picture(png, spec=next((s for s in specs if s.fig_id == fig), None)))
                    blocks.append(Para(caption, S.CAPTION))
    return blocks
