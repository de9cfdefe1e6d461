"""--pdf: where LibreOffice really put the charts, to correct render/chart_place.py's estimate.

The estimate of the page fill is a line or two off now and then (a paragraph LibreOffice sets in
one line fewer).  After the conversion the PDF tells where each chart went: a chart that starts a
page below a foot left more than GAP_SHARE empty means the estimate was off there.  The chart's
position is compared with the estimate (ChartSpot), the difference becomes an offset for that
chart, the blocks are arranged again from the unplaced ones, and the .docx and the PDF are made
again — at most ``MAX_PASSES`` times, and only when the arrangement changes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from juesuan.render.docx import styles as S

GAP_SHARE = 0.15  # more of a page's body than this left empty above a chart is a gap
MAX_PASSES = 2
CHART_WIDTH_PT = 15 / 2.54 * 72  # Picture.width_cm
LINE_BELOW_PT = 5.0  # a line's box ends this far below its characters (28 pt lines, 16 pt type)


@dataclass
class ChartOnPage:
    page: int  # 0-based page of the PDF where the chart is
    starts_page: bool  # nothing above it on its page
    before_page: int  # the page where the text before it ends
    used: float  # points of that page's body used by the text before it
    body: float  # that page's body height

    @property
    def gap(self) -> float:
        """The empty share of the page before, when the chart starts a page (else 0)."""
        return max(self.body - self.used, 0.0) / self.body if self.starts_page else 0.0


def _margins(width: float, height: float) -> tuple[float, float]:
    if width > height:
        return S.LANDSCAPE_MARGIN_TB / 20, S.LANDSCAPE_MARGIN_TB / 20
    return S.MARGIN_TOP / 20, S.MARGIN_BOTTOM / 20


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


class PdfPages:
    """Per page: the body's top and bottom, the text and the charts (boxes in points)."""

    def __init__(self, pdf: str | Path):
        import pdfplumber
        self.pages: list[dict] = []
        with pdfplumber.open(str(pdf)) as doc:
            for page in doc.pages:
                top, bottom = _margins(page.width, page.height)
                foot = page.height - bottom + 2  # below: the page number
                words = [w for w in page.extract_words() if w["bottom"] <= foot]
                charts = [im for im in page.images if abs((im["x1"] - im["x0"]) - CHART_WIDTH_PT) < 6]
                self.pages.append({"top": top, "body": page.height - top - bottom, "words": words,
                                   "charts": sorted(charts, key=lambda im: im["top"]),
                                   "first": _squeeze("".join(w["text"] for w in words[:12]))})

    def charts(self) -> list[ChartOnPage]:
        out = []
        for n, page in enumerate(self.pages):
            for im in page["charts"]:
                above = [w["bottom"] for w in page["words"] if w["bottom"] <= im["top"] + 1]
                above += [c["bottom"] for c in page["charts"] if c["bottom"] <= im["top"] + 1]
                if above or n == 0:
                    out.append(ChartOnPage(n, False, n, (max(above) if above else page["top"]) - page["top"],
                                           page["body"]))
                    continue
                prev = self.pages[n - 1]
                bottoms = [w["bottom"] for w in prev["words"]] + [c["bottom"] for c in prev["charts"]]
                used = (max(bottoms) - prev["top"]) if bottoms else 0.0
                out.append(ChartOnPage(n, True, n - 1, used, prev["body"]))
        return out

    def part_page(self, heading: str) -> int | None:
        """The page where the part headed ``heading`` starts (the last page that begins with it:
        a 目录 page may begin with the same words)."""
        key = _squeeze(heading)[:8]
        found = [n for n, page in enumerate(self.pages) if key and page["first"].startswith(key)]
        return found[-1] if found else None


def chart_gaps(pdf: str | Path) -> list[tuple[int, float]]:
    """(1-based page, empty share) of every page before a page that starts with a chart."""
    return [(c.before_page + 1, round(c.gap, 3)) for c in PdfPages(pdf).charts() if c.starts_page]


def offsets(pdf: str | Path, spots: list, known: dict[int, float]) -> dict[int, float]:
    """``known`` plus, for each chart, how far the estimate was from LibreOffice's layout."""
    pages = PdfPages(pdf)
    found = pages.charts()
    out = dict(known)
    for spot in spots:
        if spot.index >= len(found):
            continue
        start = pages.part_page(spot.part)
        if start is None:
            continue
        c = found[spot.index]
        actual = (c.before_page - start) * spot.body + c.used + LINE_BELOW_PT
        estimated = spot.page * spot.body + spot.used
        diff = actual - estimated
        if abs(diff) < spot.body / 3:  # further off: the chart is not the one estimated
            out[spot.index] = out.get(spot.index, 0.0) + diff
    return out


def has_gap(pdf: str | Path) -> bool:
    return any(share > GAP_SHARE for _, share in chart_gaps(pdf))


def _same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x is y or (getattr(x, "png", None) is not None and x.png == getattr(y, "png", None))
                                    for x, y in zip(a, b))


def refit(document, conversion, write, convert):
    """While the PDF of ``conversion`` shows a gap above a chart: correct the estimate by the
    PDF, arrange ``document``'s blocks again, ``write()`` the .docx and ``convert()`` it anew.
    Returns the last conversion; the .docx on disk and ``document`` agree with its PDF (a failed
    pass is undone: the .docx is written again as it was)."""
    from juesuan.render.chart_place import place_charts
    from juesuan.render.pdf.convert import PdfError
    shifts: dict[int, float] = {}
    for _ in range(MAX_PASSES):
        try:
            if not document.unplaced or not has_gap(conversion.pdf):
                break
            shifts = offsets(conversion.pdf, document.chart_spots, shifts)
        except Exception:  # a PDF pdfplumber cannot read: it stays as LibreOffice made it
            break
        blocks, spots = place_charts(document.unplaced, shifts)
        if _same(blocks, document.blocks):
            break
        good = document.blocks, document.chart_spots
        document.blocks, document.chart_spots = blocks, spots
        try:
            write()
            conversion = convert()
        except (PdfError, OSError):
            document.blocks, document.chart_spots = good
            try:
                write()
            except OSError:
                pass  # the write failed before replacing the file: it is still the good one
            break
    return conversion


def refit_report(report, target: Path, templates, document, conversion, draft: bool):
    """:func:`refit` for make-report --pdf: the report written to ``target`` and converted again."""
    from juesuan.render.document import render_report
    from juesuan.render.pdf.convert import convert_with_pages
    return refit(document, conversion,
                 lambda: render_report(report, target, templates, document=document, draft=draft),
                 lambda: convert_with_pages(target))
