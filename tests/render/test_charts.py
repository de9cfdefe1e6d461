"""Tests for juesuan.render.charts.draw (图1–图4 as PNG bytes, drawn with Pillow)."""

from __future__ import annotations

import hashlib
import io
import math
import os
import struct
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from PIL import Image

from conftest import TEMPLATES
from juesuan.render.charts import draw as charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
W, H = charts.FIG_WIDTH_PX, charts.FIG_HEIGHT_PX
WHITE = (255, 255, 255)

INCOME_LABELS = [
    "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
]
EXPENSE_LABELS = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]


def rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))


PALETTE = [rgb(c) for c in charts.PALETTE]


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == PNG_SIGNATURE
    chunks, i = [], 8
    while i < len(data):
        (n,) = struct.unpack(">I", data[i : i + 4])
        chunks.append((data[i + 4 : i + 8], data[i + 8 : i + 8 + n]))
        i += 12 + n
    return chunks


def png_size(data: bytes) -> tuple[int, int]:
    kind, body = png_chunks(data)[0]
    assert kind == b"IHDR"
    return struct.unpack(">II", body[:8])


def image(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB")


def close(a, b, tol: int = 3) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def is_dark(pixel) -> bool:  # chart text is #262626 / #404040, anti-aliased
    return max(pixel) < 110


def region(im: Image.Image, box) -> list[tuple[int, int, int]]:
    part = im.crop(box)
    # getdata() is deprecated from Pillow 12.1 on; its replacement is new there
    return list(getattr(part, "get_flattened_data", part.getdata)())


def pie_geometry(im: Image.Image) -> tuple[float, float, float]:
    """Centre and radius of an untitled pie, found on the middle row of the picture."""
    y = H // 2  # an untitled pie is centred vertically
    row = [im.getpixel((x, y)) for x in range(W)]
    x0 = next(x for x, p in enumerate(row) if p != WHITE)
    x1 = white_run = x0
    for x in range(x0, W):
        if row[x] == WHITE:
            white_run += 1
            if white_run >= 20:  # the gap between pie and legend
                break
        else:
            x1, white_run = x, 0
    return (x0 + x1) / 2, y, (x1 - x0 + 1) / 2


def at_clock(cx: float, cy: float, r: float, degrees: float) -> tuple[int, int]:
    """The pixel at *r* from the centre, *degrees* clockwise from 12 o'clock."""
    a = math.radians(degrees)
    return round(cx + r * math.sin(a)), round(cy - r * math.cos(a))


def figure1(title: str = "") -> bytes:
    return charts.bar_chart(
        title,
        ["2023年度", "2024年度"],
        [("收入总计", [D("480.12"), D("507.7")]), ("支出总计", [D("470.5"), D("498.33")])],
        [["480.12", "507.7"], ["470.5", "498.33"]],
    )


def figure3() -> bytes | None:
    return charts.pie_chart(
        "",
        EXPENSE_LABELS,
        [D("312.9"), D("185.43"), D("0"), D("0"), D("0")],
        ["62.8%", "37.2%", "0%", "0%", "0%"],
    )


# --- PNG output -------------------------------------------------------------

def test_bar_chart_png_and_size():
    data = figure1()
    assert data.startswith(PNG_SIGNATURE)
    assert png_size(data) == (W, H)
    # 15 cm x 8 cm at 200 dpi
    assert abs(W / charts.DPI * 2.54 - 15) < 0.01
    assert abs(H / charts.DPI * 2.54 - 8) < 0.01


def test_pie_chart_png_and_size():
    data = figure3()
    assert data is not None
    assert png_size(data) == (W, H)


def test_png_has_no_metadata_and_says_200_dpi():
    for data in (figure1(), figure3()):
        chunks = png_chunks(data)
        assert {kind for kind, _ in chunks} == {b"IHDR", b"pHYs", b"IDAT", b"IEND"}
        phys = dict(chunks)[b"pHYs"]
        assert struct.unpack(">IIB", phys) == (7874, 7874, 1)  # 200 dpi in pixels per metre


def test_deterministic_within_and_across_processes():
    assert figure1() == figure1()
    assert figure3() == figure3()
    src = str(Path(charts.__file__).resolve().parents[3])
    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]); "
        "from decimal import Decimal as D; from juesuan.render.charts import draw as charts; "
        "png = charts.bar_chart('', ['2023年度', '2024年度'], "
        "[('收入总计', [D('480.12'), D('507.7')]), ('支出总计', [D('470.5'), D('498.33')])], "
        "[['480.12', '507.7'], ['470.5', '498.33']]); "
        "print(hashlib.sha256(png).hexdigest())"
    )
    result = subprocess.run([sys.executable, "-c", code, src], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == hashlib.sha256(figure1()).hexdigest()


def test_title_changes_image_and_size_stays():
    with_title = figure1("图1：收、支决算总计变动情况")
    assert png_size(with_title) == (W, H)
    assert with_title != figure1()
    im = image(with_title)
    assert any(is_dark(p) for p in region(im, (W // 2 - 150, 10, W // 2 + 150, 45)))
    assert not any(is_dark(p) for p in region(image(figure1()), (W // 2 - 150, 0, W // 2 + 150, 18)))


# --- bar chart pixels ---------------------------------------------------------

def test_bar_chart_pixels():
    im = image(figure1())
    assert im.getpixel((0, 0)) == WHITE
    assert im.getpixel((W - 1, H - 1)) == WHITE
    top_strip = region(im, (0, 0, W, 75))  # unit and legend row
    # the legend: a square of each series' colour and its name
    for colour in PALETTE[:2]:
        assert 300 < sum(p == colour for p in top_strip) < 2000
    assert sum(is_dark(p) for p in region(im, (W // 2, 20, W, 70))) > 100
    # the unit 万元 above the y axis, at the left
    assert sum(is_dark(p) for p in region(im, (40, 20, 130, 70))) > 50
    # the bars: large areas of both colours
    body = region(im, (0, 80, W, 570))
    assert sum(p == PALETTE[0] for p in body) > 20_000
    assert sum(p == PALETTE[1] for p in body) > 20_000
    # group labels under the axis, tick labels left of it
    assert sum(is_dark(p) for p in region(im, (0, 575, W, H))) > 200
    assert sum(is_dark(p) for p in region(im, (0, 80, 120, 580))) > 200
    # light grid lines: a row of grid grey across the plot area
    assert any(sum(close(p, rgb(charts.GRID_COLOR), 2) for p in region(im, (150, y, 250, y + 1))) > 90
               for y in range(90, 560))


def test_bar_with_negative_values_draws_below_zero():
    data = charts.bar_chart("", ["2023年度", "2024年度"],
                            [("收入总计", [D("-5"), D("10")])], [["-5", "10"]])
    im = image(data)
    # ticks -10 … 15 (step 5): zero sits at 60 % of the axis, the -5 bar below it
    blue_rows = [y for y in range(80, H) if any(im.getpixel((x, y)) == PALETTE[0] for x in range(130, 640, 4))]
    assert blue_rows
    zero_y = 0.14 * H + (0.90 - 0.14) * H * 15 / 25
    assert min(blue_rows) >= zero_y - 2
    assert max(blue_rows) > zero_y + 50


def test_bar_all_zero_and_negative_do_not_fail():
    zero = charts.bar_chart("", ["2023年度", "2024年度"],
                            [("收入总计", [D("0"), D("0")])], [["0", "0"]])
    neg = charts.bar_chart("", ["2023年度", "2024年度"],
                           [("收入总计", [D("-5"), D("10")])], [["-5", "10"]])
    assert png_size(zero) == png_size(neg) == (W, H)


@pytest.mark.parametrize("lo,hi,ticks", [
    ("0", "1967.06", ["0", "500", "1000", "1500", "2000"]),
    ("-6.16", "11.2", ["-10", "-5", "0", "5", "10", "15"]),
    ("0", "1.12", ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"]),
    ("0", "262715.04", ["0", "100000", "200000", "300000"]),
    ("0", "0.5", ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5"]),
    ("-3", "0", ["-3", "-2", "-1", "0"]),
])
def test_nice_ticks(lo, hi, ticks):
    got = charts._nice_ticks(D(lo), D(hi))
    assert [charts._tick_label(t, got[1] - got[0]) for t in got] == ticks
    assert got[0] <= D(lo) and got[-1] >= D(hi)  # the axis ends on a tick


# --- pie chart pixels ------------------------------------------------------------

def test_pie_slices_clockwise_from_twelve_in_the_colour_of_their_position():
    # Items 1 and 3 of the list: colours 1 and 3; 2/3 and 1/3 of the circle.
    data = charts.pie_chart("", EXPENSE_LABELS, [D("0"), D("2"), D("0"), D("1"), D("0")],
                            ["0%", "66.67%", "0%", "33.33%", "0%"])
    im = image(data)
    cx, cy, r = pie_geometry(im)
    assert 270 < r < 295  # full height: the legend is narrow
    first, second = PALETTE[1], PALETTE[3]
    # first slice: 0°–240° clockwise from 12 o'clock; second: 240°–360°
    for degrees in (20, 60, 100, 200):
        assert close(im.getpixel(at_clock(cx, cy, 0.4 * r, degrees)), first), degrees
    for degrees in (255, 300, 345):
        assert close(im.getpixel(at_clock(cx, cy, 0.4 * r, degrees)), second), degrees
    # white border between the slices at 12 o'clock
    assert close(im.getpixel(at_clock(cx, cy, 0.5 * r, 0)), WHITE, 40)
    # shares printed inside around 0.66 r, mid-slice: white on orange, dark on yellow
    for mid, text in ((120, WHITE), (300, (0x26, 0x26, 0x26))):
        x, y = at_clock(cx, cy, 0.66 * r, mid)
        assert any(close(p, text, 60) for p in region(im, (x - 25, y - 8, x + 25, y + 8))), mid
    # legend on the right: a square of each kept colour, none of the dropped ones
    legend = region(im, (round(cx + r + 20), 0, W, H))
    assert sum(p == first for p in legend) > 200
    assert sum(p == second for p in legend) > 200
    # (#A5A5A5 is also a shade of anti-aliased grey text, so count, do not just look)
    assert all(sum(p == PALETTE[i] for p in legend) < 50 for i in (0, 2, 4))
    assert sum(is_dark(p) for p in legend) > 300  # "项目支出  66.67%" …


def test_small_slices_have_no_share_inside():
    data = charts.pie_chart("", EXPENSE_LABELS[:3], [D("94"), D("4"), D("2")],
                            ["94.00%", "4.00%", "2.00%"])
    im = image(data)
    cx, cy, r = pie_geometry(im)
    # slice 2 (4 %) spans 338.4°–352.8°: plain colour where its share would be
    x, y = at_clock(cx, cy, 0.66 * r, 345.6)
    assert all(close(p, PALETTE[1]) for p in region(im, (x - 3, y - 3, x + 4, y + 4)))
    # the 94 % slice has its share printed at its middle (169.2°)
    x, y = at_clock(cx, cy, 0.66 * r, 169.2)
    assert any(close(p, WHITE, 60) for p in region(im, (x - 30, y - 8, x + 30, y + 8)))


def test_pie_edges_are_anti_aliased():
    im = image(figure3())
    cx, cy, r = pie_geometry(im)
    # along the rim, intermediate shades between the slice colour and white
    rim = [im.getpixel(at_clock(cx, cy, r + d, 90)) for d in (-3, -2, -1, 0, 1, 2, 3)]
    blends = [p for p in rim if p != WHITE and not close(p, PALETTE[0])]
    assert blends, rim


# --- pie special cases -------------------------------------------------------

def test_pie_all_zero_returns_none():
    assert charts.pie_chart("", EXPENSE_LABELS, [D("0")] * 5, ["0%"] * 5) is None
    assert charts.pie_chart("", [], [], []) is None


def test_pie_single_non_zero_value_is_a_full_circle():
    data = charts.pie_chart(
        "", EXPENSE_LABELS, [D("0"), D("186.2"), D("0"), D("0"), D("0")],
        ["0%", "100%", "0%", "0%", "0%"],
    )
    assert data is not None
    assert png_size(data) == (W, H)
    im = image(data)
    cx, cy, r = pie_geometry(im)
    for degrees in (0, 90, 180, 270, 359):  # no border line anywhere
        for f in (0.3, 0.5, 0.9):
            assert close(im.getpixel(at_clock(cx, cy, f * r, degrees)), PALETTE[1]), (degrees, f)
    # "100%" in the middle, in white
    assert any(close(p, WHITE, 60) for p in region(im, (round(cx) - 30, round(cy) - 10,
                                                         round(cx) + 30, round(cy) + 10)))


def test_pie_zero_values_are_dropped_with_their_labels():
    a = charts.pie_chart("", ["基本支出", "项目支出", "经营支出"],
                         [D("2"), D("0"), D("1")], ["66.7%", "0%", "33.3%"])
    b = charts.pie_chart("", ["基本支出", "上缴上级支出（单位：万元）", "经营支出"],
                         [D("2"), D("0"), D("1")], ["66.7%", "12.5%", "33.3%"])
    assert a is not None and a == b


def test_pie_many_long_labels_fit():
    labels = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入",
              "国有资本经营预算财政拨款收入", *INCOME_LABELS[1:]]
    values = [D(x) for x in ("5000", "3000", "1200", "400", "200", "100", "50", "50")]
    shares = ["50.00%", "30.00%", "12.00%", "4.00%", "2.00%", "1.00%", "0.50%", "0.50%"]
    im = image(charts.pie_chart("", labels, values, shares))
    # nothing drawn in the outermost 4 px columns: the legend is not cut off
    for x in (*range(4), *range(W - 4, W)):
        assert all(im.getpixel((x, y)) == WHITE for y in range(0, H, 3))
    # every legend row is there: 8 squares of the 8 palette colours right of the pie
    cx, _, r = pie_geometry(im)
    legend = region(im, (round(cx + r + 20), 0, W, H))
    assert all(sum(p == PALETTE[i] for p in legend) > 200 for i in range(8))


def test_pie_shrinks_for_a_wide_legend():
    short = image(figure3())
    long_labels = [w + "（单位：万元）" for w in ("国有资本经营预算财政拨款收入", "政府性基金预算财政拨款收入")]
    wide = image(charts.pie_chart("", long_labels, [D(3), D(1)], ["75.00%", "25.00%"]))
    _, _, r_short = pie_geometry(short)
    _, _, r_wide = pie_geometry(wide)
    assert r_wide < r_short - 30
    for x in (*range(4), *range(W - 4, W)):
        assert all(wide.getpixel((x, y)) == WHITE for y in range(0, H, 3))


def test_invalid_input():
    with pytest.raises(ValueError):
        charts.pie_chart("", ["基本支出"], [D("1"), D("2")], ["1%", "2%"])
    with pytest.raises(ValueError):
        charts.pie_chart("", ["基本支出", "项目支出"], [D("-1"), D("2")], ["0%", "100%"])
    with pytest.raises(ValueError):
        charts.bar_chart("", ["2023年度", "2024年度"], [("收入总计", [D("1")])], [["1"]])
    with pytest.raises(ValueError):
        charts.bar_chart("", ["2023年度"], [("收入总计", [D("1")])], [])
    with pytest.raises(ValueError):
        charts.bar_chart("", [], [], [])


# --- lazy import ---------------------------------------------------------------

def test_import_does_not_import_pillow():
    src = str(Path(charts.__file__).resolve().parents[3])
    env = dict(os.environ)
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    code = (
        "import sys, juesuan.render.charts.draw as c; c.chart_charset(); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PIL', 'matplotlib', 'numpy', 'fontTools')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# --- font ------------------------------------------------------------------------

def test_font_file_shipped_with_licence():
    assert charts.FONT_PATH.is_file()
    assert charts.FONT_PATH.stat().st_size < 200 * 1024
    folder = charts.FONT_PATH.parent
    ofl = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl
    assert (folder / "README.md").is_file()


def missing_glyphs(text: str) -> list[str]:
    """Characters the chart font draws as its .notdef box (Pillow's own view)."""
    from PIL import ImageDraw

    font = charts.load_font(charts.FONT_SIZE)

    def glyph(c: str) -> bytes:
        im = Image.new("L", (2 * font.size, 2 * font.size))
        ImageDraw.Draw(im).text((font.size // 2, font.size // 2), c, font=font, fill=255)
        return im.tobytes()

    notdef = glyph("\uffff")
    return [c for c in text if not c.isspace() and glyph(c) == notdef]


def test_missing_glyph_check_works():
    assert missing_glyphs("龘") == ["龘"]  # not in the subset
    assert missing_glyphs("收入 100%") == []


def test_font_covers_vocabulary():
    charset = charts.chart_charset()
    for word in charts.CHART_VOCABULARY:
        assert set(word) <= set(charset)
    missing = missing_glyphs(charset)
    assert not missing, f"font lacks {''.join(missing)!r}: re-run tools/make_font_subset.py"
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return
    cmap = TTFont(str(charts.FONT_PATH)).getBestCmap()
    missing = [c for c in charset if ord(c) not in cmap]
    assert not missing, f"font lacks {''.join(missing)!r}: re-run tools/make_font_subset.py"


def test_font_loaded_once_per_size():
    assert charts.load_font(9.0) is charts.load_font(9.0)
    assert charts.load_font(9.0).size == 25  # 9 pt at 200 dpi
    assert charts.load_font(10.5) is not charts.load_font(9.0)


def test_whole_vocabulary_renders():
    words = list(charts.CHART_VOCABULARY)
    data = charts.pie_chart(
        "收、支决算总计变动情况（单位：万元）",
        words[:10],
        [D(1)] * 10,
        ["10.0%"] * 10,
    )
    bar = charts.bar_chart("图4：财政拨款收、支决算总计变动情况", words[:3],
                           [(w, [D(1)] * 3) for w in words[3:6]],
                           [["1", "2", "3"]] * 3, y_label="单位：万元")
    assert data is not None and png_size(data) == png_size(bar) == (W, H)
    # a long unit widens the left margin instead of being cut off
    im = image(bar)
    for x in range(4):
        assert all(im.getpixel((x, y)) == WHITE for y in range(H))


def test_words_the_report_puts_on_charts_are_in_the_font():
    """Pie labels (T02 栏2–7, T03 栏2–6) and templates/narrative/charts.json use only
    characters of the shipped font (a new word there needs CHART_VOCABULARY + the script)."""
    import json

    from juesuan.spec.layouts import T02, T03

    words = [c.label for c in T02.columns[1:]] + [c.label for c in T03.columns[1:]]
    charts_json = TEMPLATES / "narrative" / "charts.json"
    if charts_json.is_file():
        data = json.loads(charts_json.read_text(encoding="utf-8"))

        def strings(node):
            if isinstance(node, str):
                yield node
            elif isinstance(node, dict):
                for key, value in node.items():
                    if not key.startswith("_"):
                        yield from strings(value)
            elif isinstance(node, list):
                for value in node:
                    yield from strings(value)

        words += [s.replace("{year}", "2024") for s in strings(data)]
    charset = set(charts.chart_charset())
    missing = sorted({ch for w in words for ch in w} - charset)
    assert not missing, (
        f"add to charts.CHART_VOCABULARY and re-run tools/make_font_subset.py: {missing}")
