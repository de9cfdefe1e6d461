"""第三部分: the narrative sections (juesuan.narrative) with 图1–图4 placed in their sections.

The charts are drawn from juesuan.figures.chart_specs, the same numbers the text prints.  A pie
whose values are all zero has no spec (or the chart function returns None): then neither the
picture nor its caption appears.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Report
from . import styles as S
from .blocks import Block, Heading, Para, Picture
from .text import clean


def chart_pictures(report: Report, templates_dir: Path | None = None,
                   notes: list | None = None) -> dict[str, tuple[bytes, str]]:
    """fig id -> (PNG bytes, caption) for every chart that is drawn.  A chart that cannot be
    drawn is left out (with its caption) and reported in ``notes``; the report still renders."""
    from .. import charts
    from ..figures import chart_specs
    from ..findings import WARNING, Finding
    out: dict[str, tuple[bytes, str]] = {}
    for spec in chart_specs(report, templates_dir):
        draw = charts.bar_chart if spec.kind == "bar" else charts.pie_chart
        try:
            png = draw(**spec.args)
        except Exception as exc:  # a chart must never cost the whole report
            if notes is not None:
                notes.append(Finding("R-CHART", WARNING, f"{spec.caption.split('：')[0]}无法绘制，报告中省略该图（{exc}）",
                                     title="图表未生成"))
            continue
        if png:
            out[spec.fig_id] = (png, spec.caption)
    return out


def heading_text(section) -> str:
    return f"{section.number}{'、' if section.level == 1 else ''}{section.title}"


def part3_body(report: Report, templates_dir: Path | None = None, notes: list | None = None) -> list[Block]:
    from ..narrative import build_part3
    sections = build_part3(report, templates_dir)
    pictures = chart_pictures(report, templates_dir, notes) if any(s.figures for s in sections) else {}
    blocks: list[Block] = []
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
                    blocks.append(Picture(png))
                    blocks.append(Para(caption, S.CAPTION))
    return blocks
