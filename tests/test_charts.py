"""Tests for juesuan.charts (图1–图4 as PNG bytes)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import warnings
from decimal import Decimal as D
from pathlib import Path

import pytest

from juesuan import charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

INCOME_LABELS = [
    "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
]
EXPENSE_LABELS = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def figure1() -> bytes:
    return charts.bar_chart(
        "",
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
    assert png_size(data) == (charts.FIG_WIDTH_PX, charts.FIG_HEIGHT_PX)
    # 15 cm x 8 cm at 200 dpi
    assert abs(charts.FIG_WIDTH_PX / charts.DPI * 2.54 - 15) < 0.01
    assert abs(charts.FIG_HEIGHT_PX / charts.DPI * 2.54 - 8) < 0.01


def test_pie_chart_png_and_size():
    data = figure3()
    assert data is not None
    assert png_size(data) == (charts.FIG_WIDTH_PX, charts.FIG_HEIGHT_PX)


def test_pixels_with_pillow():
    Image = pytest.importorskip("PIL.Image")
    import io

    with Image.open(io.BytesIO(figure1())) as im:
        assert im.size == (charts.FIG_WIDTH_PX, charts.FIG_HEIGHT_PX)
        rgb = im.convert("RGB")
        assert rgb.getpixel((0, 0)) == (255, 255, 255)  # white background
        assert rgb.getpixel((charts.FIG_WIDTH_PX - 1, charts.FIG_HEIGHT_PX - 1)) == (255, 255, 255)
        assert len(rgb.getcolors(maxcolors=1 << 20)) > 2  # something was drawn


def test_title_changes_image_and_size_stays():
    with_title = charts.bar_chart(
        "图1：收、支决算总计变动情况",
        ["2023年度", "2024年度"],
        [("收入总计", [D("480.12"), D("507.7")]), ("支出总计", [D("470.5"), D("498.33")])],
        [["480.12", "507.7"], ["470.5", "498.33"]],
    )
    assert png_size(with_title) == (charts.FIG_WIDTH_PX, charts.FIG_HEIGHT_PX)
    assert with_title != figure1()


def test_deterministic():
    assert figure1() == figure1()
    assert figure3() == figure3()
    assert b"matplotlib" not in figure1()  # no Software text chunk


def test_rcparams_of_caller_untouched():
    import matplotlib

    before = dict(matplotlib.rcParams)
    figure1()
    figure3()
    assert dict(matplotlib.rcParams) == before


# --- pie special cases -------------------------------------------------------

def test_pie_all_zero_returns_none():
    assert charts.pie_chart("", EXPENSE_LABELS, [D("0")] * 5, ["0%"] * 5) is None
    assert charts.pie_chart("", [], [], []) is None


def test_pie_single_non_zero_value():
    data = charts.pie_chart(
        "", EXPENSE_LABELS, [D("0"), D("186.2"), D("0"), D("0"), D("0")],
        ["0%", "100%", "0%", "0%", "0%"],
    )
    assert data is not None
    assert png_size(data) == (charts.FIG_WIDTH_PX, charts.FIG_HEIGHT_PX)


def test_pie_zero_values_are_dropped():
    # Zero entries (and their labels) do not change the picture.
    a = charts.pie_chart("", ["基本支出", "项目支出", "经营支出"],
                         [D("2"), D("0"), D("1")], ["66.7%", "0%", "33.3%"])
    b = charts.pie_chart("", ["基本支出", "经营支出"], [D("2"), D("1")], ["66.7%", "33.3%"])
    assert a is not None and b is not None
    # colours follow the position in the caller's list, so compare sizes only
    assert png_size(a) == png_size(b)


def test_pie_many_long_labels_fit():
    Image = pytest.importorskip("PIL.Image")
    import io

    labels = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入",
              "国有资本经营预算财政拨款收入", *INCOME_LABELS[1:]]
    values = [D(x) for x in ("5000", "3000", "1200", "400", "200", "100", "50", "50")]
    shares = ["50.00%", "30.00%", "12.00%", "4.00%", "2.00%", "1.00%", "0.50%", "0.50%"]
    data = charts.pie_chart("", labels, values, shares)
    with Image.open(io.BytesIO(data)) as im:
        rgb = im.convert("RGB")
        w, h = rgb.size
        # nothing drawn in the outermost 4 px columns: the legend is not cut off
        for x in (*range(4), *range(w - 4, w)):
            assert all(rgb.getpixel((x, y)) == (255, 255, 255) for y in range(0, h, 3))


def test_invalid_input():
    with pytest.raises(ValueError):
        charts.pie_chart("", ["基本支出"], [D("1"), D("2")], ["1%", "2%"])
    with pytest.raises(ValueError):
        charts.pie_chart("", ["基本支出", "项目支出"], [D("-1"), D("2")], ["0%", "100%"])
    with pytest.raises(ValueError):
        charts.bar_chart("", ["2023年度", "2024年度"], [("收入总计", [D("1")])], [["1"]])
    with pytest.raises(ValueError):
        charts.bar_chart("", ["2023年度"], [("收入总计", [D("1")])], [])


def test_bar_all_zero_and_negative_do_not_fail():
    zero = charts.bar_chart("", ["2023年度", "2024年度"],
                            [("收入总计", [D("0"), D("0")])], [["0", "0"]])
    neg = charts.bar_chart("", ["2023年度", "2024年度"],
                           [("收入总计", [D("-5"), D("10")])], [["-5", "10"]])
    assert png_size(zero) == png_size(neg) == (charts.FIG_WIDTH_PX, charts.FIG_HEIGHT_PX)


# --- lazy import ---------------------------------------------------------------

def test_import_does_not_import_matplotlib():
    src = str(Path(charts.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    code = (
        "import sys, juesuan.charts as c; c.chart_charset(); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('matplotlib', 'numpy', 'PIL', 'fontTools')); "
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


def test_font_covers_vocabulary():
    charset = charts.chart_charset()
    for word in charts.CHART_VOCABULARY:
        assert set(word) <= set(charset)
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        from matplotlib.ft2font import FT2Font

        font = FT2Font(str(charts.FONT_PATH))
        missing = [c for c in charset if font.get_char_index(ord(c)) == 0]
    else:
        cmap = TTFont(str(charts.FONT_PATH)).getBestCmap()
        missing = [c for c in charset if ord(c) not in cmap]
    assert not missing, f"font lacks {''.join(missing)!r}: re-run tools/make_font_subset.py"


def test_matplotlib_uses_shipped_font():
    from matplotlib import font_manager

    family = charts._font()
    found = font_manager.findfont(font_manager.FontProperties(family=family),
                                  fallback_to_default=False)
    assert Path(found).resolve() == charts.FONT_PATH


def test_whole_vocabulary_renders_without_missing_glyphs():
    words = list(charts.CHART_VOCABULARY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = charts.pie_chart(
            "收、支决算总计变动情况（单位：万元）",
            words,
            [D(1)] * len(words),
            ["1.5%"] * len(words),
        )
        charts.bar_chart("图4：财政拨款收、支决算总计变动情况", words[:3],
                         [(w, [D(1)] * 3) for w in words[3:6]],
                         [["1", "2", "3"]] * 3, y_label="单位：万元")
    assert data is not None
    glyph_warnings = [w for w in caught if "missing from" in str(w.message)]
    assert not glyph_warnings, glyph_warnings[0].message


def test_words_the_report_puts_on_charts_are_in_the_font():
    """Pie labels (T02 栏2–7, T03 栏2–6) and templates/narrative/charts.json use only
    characters of the shipped font (a new word there needs CHART_VOCABULARY + the script)."""
    import json

    from juesuan.layouts import T02, T03

    words = [c.label for c in T02.columns[1:]] + [c.label for c in T03.columns[1:]]
    charts_json = Path(__file__).resolve().parents[1] / "templates" / "narrative" / "charts.json"
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
