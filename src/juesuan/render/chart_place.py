"""Where the charts go on the page: no white gap above a chart that moved to the next page.

A chart (a Picture and its caption, kept together) cannot split.  Where it does not fit in what
is left of a page, Word and LibreOffice push it to the next page and leave the rest of the page
white (20–35 % of a page, issue 21).  A typeset report floats the figure instead; Word's floating
pictures do not do that in LibreOffice, so the blocks are arranged before they are written:

- the body paragraphs that follow the chart in the SAME section (never past a heading, never a
  paragraph that points at the figure by place: 上图/下图/如图) come before it until the page is
  full; the chart then stands after them, at the top of the next page;
- where no such paragraph follows (the chart ends its section), the chart is drawn shorter, down
  to 5.6 cm of its 8 (the type keeps its size, only the plot gets shorter), when that makes it fit;
- else it goes up, above the last paragraph(s) of its section (under a paragraph of the section
  where it fits there, else right under the section's heading).

The page fill is estimated from the text: lines of body text from table_fit.body_lines (the widths
the writer uses), the fixed line heights of the styles, the charts' own heights, and the page
breaks (第X部分 headings, sections).  Where the estimate cannot follow the text (a table), nothing
is moved until the next page break.  With --pdf the estimate is corrected by the pages LibreOffice
actually made (render/pdf/chart_fit.py): ``offsets`` shifts the estimate at a chart by what it
was off there.
"""
from __future__ import annotations

import copy
import re
import struct
from dataclasses import dataclass

from juesuan.render.blocks import Block, Heading, Orientation, Para, Picture, Toc
from juesuan.render.docx import styles as S
from juesuan.render.docx.table_fit import body_lines

PT_PER_CM = 72 / 2.54
BODY_LINE = 28.0  # Normal, Heading 2 and 3: exact 28 pt lines
H1_LINE, H1_BEFORE, H1_AFTER = 21.0, 12.0, 18.0  # 18 pt single spacing (measured on the PDF)
H2_BEFORE = 6.0
CAPTION_LINE, CAPTION_AFTER = 14.0, 6.0
PICTURE_BEFORE = 6.0
ACT_PT = 2 * BODY_LINE  # a gap smaller than two lines is left alone
MIN_SHARE = 0.7  # a chart is drawn at least this share of its height (5.6 of 8 cm)
SAFETY_PT = 4.0  # a shortened chart leaves this much room, for the estimate's rounding
# a paragraph that points at the figure by its place stays where it is
_POINTS_AT_FIGURE = re.compile(r"[上下]图|如图|见图|图\s*\d")


@dataclass
class ChartSpot:
    """Where the estimate put a chart: ``page`` pages after the page break of the part headed
    ``part``, after ``used`` points of that page's body (before the chart's own space)."""
    index: int  # 0 for the first Picture of the document, 1 for the next …
    part: str
    page: int
    used: float
    body: float


def body_height(landscape: bool = False) -> float:
    if landscape:
        return (S.PAGE_W - 2 * S.LANDSCAPE_MARGIN_TB) / 20
    return (S.PAGE_H - S.MARGIN_TOP - S.MARGIN_BOTTOM) / 20


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
        return 0, 0
    return struct.unpack(">II", png[16:24])


def picture_pt(b: Picture) -> float:
    w, h = png_size(b.png)
    return b.width_cm * PT_PER_CM * h / w if w else 0.0


def _width_pt(landscape: bool) -> float:
    return S.text_width(landscape) / 20


def _lines(text: str, landscape: bool, size: float = 16, indent: float = 2) -> int:
    return body_lines(text, _width_pt(landscape), size, indent) if text else 1


def _is_body(b: Block) -> bool:
    return isinstance(b, Para) and b.style == S.NORMAL


def _caption_pt(b: Block, landscape: bool) -> float:
    if isinstance(b, Para) and b.style == S.CAPTION:
        return _lines(b.text, landscape, 14, 0) * CAPTION_LINE + CAPTION_AFTER
    return 0.0


class Pages:
    """The estimated fill of the current page: ``used`` points of ``body``, ``page`` pages after
    the last page break (of the part ``part``); ``known`` is False after a block it cannot measure."""

    def __init__(self) -> None:
        self.landscape = False
        self.body = body_height()
        self.page, self.used, self.known, self.part = 0, 0.0, False, ""

    def copy(self) -> "Pages":
        return copy.copy(self)

    def room(self) -> float:
        return self.body - self.used

    def break_page(self, landscape: bool | None = None, part: str | None = None) -> None:
        if landscape is not None:
            self.landscape, self.body = landscape, body_height(landscape)
        if part is not None:
            self.part, self.page = part, 0
        else:
            self.page += 1
        self.used, self.known = 0.0, True

    def _next_page(self) -> None:
        self.page += 1
        self.used = 0.0

    def solid(self, height: float, before: float = 0.0) -> None:
        """A block that cannot split (a chart with its caption, a heading with what it keeps with)."""
        if self.used > 0 and self.used + before + height > self.body + 0.01:
            self._next_page()
        self.used += (before if self.used > 0 else 0.0) + height

    def lines(self, n: int, line: float = BODY_LINE, before: float = 0.0) -> None:
        """A paragraph of ``n`` lines, split across pages with at least two lines on each side."""
        before = before if self.used > 0 else 0.0
        fit = int((self.room() - before + 0.01) // line)
        if n <= fit:
            self.used += before + n * line
            return
        first = min(fit, n - 2)
        rest = n - first if first >= 2 else n
        self._next_page()
        per_page = max(int((self.body + 0.01) // line), 1)
        while rest > per_page:
            rest -= per_page
            self._next_page()
        self.used = rest * line

    def place(self, blocks: list[Block], i: int) -> None:
        """Account for ``blocks[i]`` (headings keep with the first two lines after them)."""
        b = blocks[i]
        if isinstance(b, Toc):
            self.known = False
        elif isinstance(b, Orientation):
            if b.landscape != self.landscape or not self.known:
                self.break_page(b.landscape)
        elif isinstance(b, Heading) and (b.level == 1 or b.page_break):
            self.break_page(part=b.text if b.level == 1 else None)
            self.used = (H1_BEFORE + H1_AFTER + H1_LINE * _lines(b.text, self.landscape, 18, 0)) if b.level == 1 \
                else BODY_LINE * _lines(b.text, self.landscape)
        elif not self.known:
            return
        elif isinstance(b, Heading):
            before = H2_BEFORE if b.level == 2 else 0.0
            own = BODY_LINE * _lines(b.text, self.landscape)
            if self.used > 0 and self.used + before + own + self._kept(blocks, i + 1) > self.body + 0.01:
                self._next_page()
            self.used += (before if self.used > 0 else 0.0) + own
        elif isinstance(b, Picture):
            cap = _caption_pt(blocks[i + 1], self.landscape) if i + 1 < len(blocks) else 0.0
            self.solid(picture_pt(b) + cap, PICTURE_BEFORE)
        elif isinstance(b, Para) and b.style == S.CAPTION and i > 0 and isinstance(blocks[i - 1], Picture):
            return  # counted with its picture
        elif _is_body(b):
            self.lines(_lines(b.text, self.landscape))
        else:  # a table, its title and notes: not estimated
            self.known = False

    def _kept(self, blocks: list[Block], j: int) -> float:
        """What a heading keeps with: the first lines of the paragraph after it, or a chart."""
        if j >= len(blocks):
            return 0.0
        b = blocks[j]
        if _is_body(b):
            n = _lines(b.text, self.landscape)
            return BODY_LINE * (n if n < 4 else 2)
        if isinstance(b, Picture):
            return PICTURE_BEFORE + picture_pt(b) + (_caption_pt(blocks[j + 1], self.landscape) if j + 1 < len(blocks) else 0)
        if isinstance(b, Heading):
            return BODY_LINE
        return 0.0


def _floatable(b: Block) -> bool:
    from juesuan.render.docx.writer import heading_like
    return _is_body(b) and bool(b.text.strip()) and not heading_like(b.text, b.style) \
        and not _POINTS_AT_FIGURE.search(b.text)


def shorter(b: Picture, height_pt: float) -> Picture | None:
    """``b`` drawn ``height_pt`` high (type unchanged), or None when it cannot be."""
    from juesuan.render.charts import draw as charts
    from juesuan.render.charts.canvas import DPI, FIG_WIDTH_PX
    spec = b.spec
    if spec is None:
        return None
    px = int(height_pt / 72 * DPI * (FIG_WIDTH_PX / DPI * 2.54) / b.width_cm)
    draw = charts.bar_chart if spec.kind == "bar" else charts.pie_chart
    try:
        png = draw(**spec.args, height_px=px)
    except Exception:  # drawn once already; a failure here keeps the full-size chart
        return None
    return Picture(png, b.width_cm, spec) if png else None


def place_charts(blocks: list[Block], offsets: dict[int, float] | None = None) -> tuple[list[Block], list[ChartSpot]]:
    """``blocks`` with body paragraphs moved around a chart (or the chart drawn shorter) where
    the chart would leave a gap at a page foot, and where each chart was estimated to go."""
    offsets = offsets or {}
    out = list(blocks)
    number = {id(b): k for k, b in enumerate(b for b in out if isinstance(b, Picture))}
    spots: list[ChartSpot] = []
    decided: set[int] = set()
    states: dict[int, Pages] = {}
    pages = Pages()
    i = 0
    while i < len(out):
        b = out[i]
        states[i] = pages.copy()
        if isinstance(b, Picture) and pages.known and number[id(b)] not in decided:
            k = number[id(b)]
            decided.add(k)
            shift = offsets.get(k, 0.0)
            pages.used = min(max(pages.used + shift, 0.0), pages.body)
            out, at, new = _arrange(out, i, pages, states, shift)
            number[id(new)] = k
            if at != i:  # the chart moved up: lay out again from there
                pages = states[at].copy()
                pages.used = min(max(pages.used + shift, 0.0), pages.body)
                i = at
                continue
            if out[i] is not new:  # paragraphs come first: place them, then the chart
                while out[i] is not new:
                    states[i] = pages.copy()
                    pages.place(out, i)
                    i += 1
                continue
        if isinstance(b, Picture) and pages.known:
            spots.append(ChartSpot(number[id(b)], pages.part, pages.page, pages.used, pages.body))
        pages.place(out, i)
        i += 1
    return out, spots


def _needs(out: list[Block], i: int, landscape: bool) -> tuple[float, float]:
    """(the chart's whole height with its caption, the caption's part of it)."""
    cap = _caption_pt(out[i + 1], landscape) if i + 1 < len(out) else 0.0
    return PICTURE_BEFORE + picture_pt(out[i]) + cap, cap


def _fitted(b: Picture, room: float, cap: float) -> Picture | None:
    """``b`` drawn short enough for ``room`` (never below MIN_SHARE of its height), or None."""
    fit = room - PICTURE_BEFORE - cap - SAFETY_PT
    if fit < MIN_SHARE * picture_pt(b):
        return None
    return shorter(b, fit)


def _arrange(out: list[Block], i: int, pages: Pages, states: dict[int, Pages],
             shift: float) -> tuple[list[Block], int, Picture]:
    """The blocks with the chart at ``out[i]`` arranged to leave no gap; where it now stands;
    the chart (drawn anew when shortened)."""
    b = out[i]
    need, cap = _needs(out, i, pages.landscape)
    if pages.used == 0 or need <= pages.room() or pages.room() < ACT_PT:
        return out, i, b
    start = i + (2 if cap else 1)
    # 1. the body paragraphs after it come first, until the page is full
    trial, j = pages.copy(), start
    while j < len(out) and _floatable(out[j]) and trial.room() < need and trial.room() >= ACT_PT:
        page = trial.page
        trial.lines(_lines(out[j].text, trial.landscape))
        j += 1
        if trial.page != page:
            break
    if trial.page == pages.page and need > trial.room() and trial.room() >= ACT_PT:
        # 2. drawn shorter to fit the rest of the page
        short = _fitted(b, trial.room(), cap)
        if short is not None:
            b = short
        elif j == start:
            # 3. it goes up, above the last paragraphs of its section (one stays before it)
            return _moved_up(out, i, start, pages, states, shift, need, cap)
    return out[:i] + out[start:j] + [b] + out[i + 1:start] + out[j:], i, b


def _moved_up(out, i, start, pages, states, shift, need, cap) -> tuple[list[Block], int, Picture]:
    """The chart above the last paragraph(s) of its section, where it fits there: below a
    paragraph of the section if it can, else right under the section's heading."""
    b = out[i]
    p = i
    while p - 1 > 0 and _floatable(out[p - 1]):
        p -= 1
        before = states[p]
        if before.page != pages.page or not before.known:
            break
        above = out[p - 1]
        if not (_is_body(above) or (isinstance(above, Heading) and above.level > 1 and not above.page_break)):
            continue
        room = before.room() - shift
        chosen = b if need <= room else _fitted(b, room, cap)
        if chosen is not None:
            return out[:p] + [chosen] + out[i + 1:start] + out[p:i] + out[start:], p, chosen
    return out, i, b
