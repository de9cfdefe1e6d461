"""The report as a flat list of blocks, before it is written into Word.

The parts (第一…第六部分) produce blocks; writer.py turns them into paragraphs, tables and
section breaks.  Tests can look at the blocks without opening the .docx.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.model.grid import Grid
from juesuan.render.docx import styles as S


@dataclass
class Heading:
    level: int  # 1 第X部分, 2 一、…, 3 （一）…
    text: str
    page_break: bool = False  # start a new page (level 1 always does, through its style)
    toc: bool = True


@dataclass
class Para:
    text: str
    style: str = S.NORMAL
    align: str | None = None  # overrides the style: left | center | right


@dataclass
class TableMeta:
    """The lines above a 公开表: 公开0N表 (right), then 部门：… on the left and 单位：万元 on the right."""
    number: str
    unit_name: str
    unit: str = "单位：万元"
    dept_label: str = "部门："  # before unit_name (parts/tables.j2)


@dataclass
class TableBlock:
    grid: Grid
    landscape: bool = False
    font_pt: float | None = None  # None: the 表格文字 style's size


@dataclass
class Picture:
    png: bytes
    width_cm: float = 15.0
    spec: object = None  # the ChartSpec it was drawn from: render/chart_place.py may draw it shorter


@dataclass
class Orientation:
    """Start a new section (new page) in this orientation."""
    landscape: bool


@dataclass
class Toc:
    title: str = "目  录"
    levels: int = 2


Block = Heading | Para | TableMeta | TableBlock | Picture | Orientation | Toc


@dataclass
class Document:
    cover: dict = field(default_factory=dict)  # master template context
    blocks: list[Block] = field(default_factory=list)
    notes: list = field(default_factory=list)  # Findings raised while rendering (e.g. missing 科目说明)
    figures: object = None  # juesuan.figures.Figures of 第三部分, computed once per report
    # the blocks before render/chart_place.py moved text around the charts, and where it put
    # each chart (ChartSpot): a second placement, corrected by LibreOffice's pages, starts here
    unplaced: list = field(default_factory=list)
    chart_spots: list = field(default_factory=list)

    def headings(self, max_level: int = 3) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= max_level]

    def text(self) -> str:
        """All text of the blocks (headings, paragraphs, table cells), for checks and tests."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, (Heading, Para)):
                out.append(b.text)
            elif isinstance(b, TableBlock):
                out.extend(str(c) for row in b.grid.rows for c in row if c is not None)
        return "\n".join(out)
