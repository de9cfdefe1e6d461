"""render/chart_place.py: a chart that would leave the rest of a page white is not pushed below
the gap — the body paragraphs after it in its section come first, or it is drawn shorter, or it
goes up above the last paragraph of its section; never past a heading, the caption always right
under it.  The page fill is estimated (no LibreOffice here; the PDF route is
tests/render/pdf/test_chart_gaps.py)."""
from __future__ import annotations

from decimal import Decimal

from juesuan.figures.chart_specs import ChartSpec
from juesuan.render.blocks import Heading, Para, Picture
from juesuan.render.chart_place import BODY_LINE, MIN_SHARE, body_height, picture_pt, place_charts, png_size
from juesuan.render.charts import draw
from juesuan.render.charts.canvas import FIG_HEIGHT_PX, FIG_WIDTH_PX, MIN_HEIGHT_PX
from juesuan.render.docx import styles as S
from juesuan.render.docx.table_fit import body_lines

ARGS = {"title": "", "groups": ["2023年度", "2024年度"],
        "series": [("收入总计", [Decimal(1650), Decimal(1756)]), ("支出总计", [Decimal(1650), Decimal(1756)])],
        "value_labels": [["1650.8", "1756.3"], ["1650.8", "1756.3"]]}
LINE = "本年度收入支出总计较上年增加，主要原因是新增国有资本经营预算财政拨款支出和重点文体活动支出增加。"


def chart() -> Picture:
    spec = ChartSpec("fig1", "图1：收、支决算总计变动情况", "bar", ARGS)
    return Picture(draw.bar_chart(**ARGS), spec=spec)


def para(lines: int, text: str = LINE) -> Para:
    """A body paragraph of about ``lines`` lines."""
    out = text
    while body_lines(out, S.text_width() / 20, 16) < lines:
        out += text
    return Para(out)


def page_with_room(room_lines: int) -> list:
    """第三部分's heading and a section filled so that ``room_lines`` lines stay free."""
    free = body_height() - 51 - 34  # the part heading, the section heading
    filler = int(free // BODY_LINE) - room_lines
    blocks = [Heading(1, "第三部分 某局2024年度部门决算情况说明"), Heading(2, "一、收入支出决算总体情况说明")]
    while filler > 0:
        n = min(filler, 5)
        blocks.append(para(n, f"第{len(blocks)}段。" + LINE))
        filler -= body_lines(blocks[-1].text, S.text_width() / 20, 16)
    return blocks


def caption() -> Para:
    return Para("图1：收、支决算总计变动情况", S.CAPTION)


def test_the_paragraphs_after_a_chart_fill_the_page_first():
    pic, cap = chart(), caption()
    after = [para(3, "其一。" + LINE), para(3, "其二。" + LINE), para(3, "其三。" + LINE)]
    heading = Heading(2, "二、收入决算情况说明")
    blocks = page_with_room(6) + [pic, cap] + after + [heading, para(2)]
    out, spots = place_charts(blocks)
    i = out.index(pic)
    assert out[i + 1] is cap  # the caption stays right under its chart
    assert out[i - 1] in after  # text of its section comes first
    assert out.index(heading) > i  # nothing crossed the next heading
    assert [b for b in out if b in after] == after  # the paragraphs keep their order
    assert body_height() - spots[0].used < 2 * BODY_LINE  # the page is full before the chart


def test_a_chart_that_fits_stays_where_it_is():
    blocks = page_with_room(14) + [chart(), caption(), para(3)]
    out, _ = place_charts(blocks)
    assert out == blocks


def test_a_small_gap_is_left_alone():
    blocks = page_with_room(1) + [chart(), caption(), para(3)]
    assert place_charts(blocks)[0] == blocks


def test_a_chart_ending_its_section_is_drawn_shorter_to_fit():
    pic = chart()
    blocks = page_with_room(7) + [pic, caption(), Heading(2, "二、收入决算情况说明"), para(3)]
    out, spots = place_charts(blocks)
    short = next(b for b in out if isinstance(b, Picture))
    assert short is not pic and out[out.index(short) + 1].style == S.CAPTION
    w, h = png_size(short.png)
    assert w == FIG_WIDTH_PX and MIN_SHARE * FIG_HEIGHT_PX - 2 <= h < FIG_HEIGHT_PX
    assert picture_pt(short) + 6 + 20 <= body_height() - spots[0].used  # it fits where it stands


def test_a_chart_goes_up_above_the_last_paragraph_of_its_section():
    pic, cap = chart(), caption()
    base = page_with_room(14)
    last = para(7, "末段。" + LINE)
    blocks = base + [last, pic, cap, Heading(2, "二、收入决算情况说明"), para(3)]
    out, _ = place_charts(blocks)
    assert out.index(pic) < out.index(last) and out[out.index(pic) + 1] is cap
    assert out.index(pic) > len(base) - 1  # below the paragraph before


def test_a_paragraph_pointing_at_the_figure_is_not_moved_before_it():
    pic, cap = chart(), caption()
    pointing = para(3, "如上图所示，" + LINE)
    blocks = page_with_room(5) + [pic, cap, pointing, para(3)]
    out, _ = place_charts(blocks)
    assert out.index(pointing) > out.index(pic)


def test_a_shorter_chart_keeps_its_type_and_never_goes_below_the_floor():
    png = draw.bar_chart(**ARGS, height_px=10)
    assert png_size(png) == (FIG_WIDTH_PX, MIN_HEIGHT_PX)
    assert MIN_HEIGHT_PX >= MIN_SHARE * FIG_HEIGHT_PX - 1
    pie = draw.pie_chart("", ["基本支出", "项目支出"], [Decimal(6), Decimal(4)], ["60%", "40%"], height_px=500)
    assert png_size(pie) == (FIG_WIDTH_PX, 500)
