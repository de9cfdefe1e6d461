"""What every chart shares: the fixed vocabulary and the shipped font subset, the page size,
palette and type sizes, and the Pillow drawing primitives (text, snapped lines and rectangles,
PNG output).  Pillow is imported lazily, inside the functions.  The charts themselves are in
:mod:`juesuan.render.charts.draw`.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from PIL import ImageDraw, ImageFont

# ---------------------------------------------------------------------------
# Fixed vocabulary: every Chinese word that may appear in a chart.
# tools/make_font_subset.py reads this constant to build the font subset.
# Charts never contain department names or other free text.
# ---------------------------------------------------------------------------
CHART_VOCABULARY: tuple[str, ...] = (
    # groups and series of 图1 / 图4
    "上年",
    "本年",
    "年度",  # "2023年度"
    "上年度",
    "本年度",
    "收入总计",
    "支出总计",
    "收、支总计",
    "财政拨款收入总计",
    "财政拨款支出总计",
    "财政拨款",
    "财政拨款支出",
    # units and generic words
    "万元",
    "单位：万元",
    "金额",
    "单位",
    "决算",
    "收入",
    "支出",
    "合计",
    "占比",
    # income sources (图2, T02 栏2–7; 财政拨款 may be split by fund type)
    "财政拨款收入",
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
    # expenditure kinds (图3, T03 栏2–6)
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
    # captions and titles (templates/narrative/charts.json)
    "图1",
    "图2",
    "图3",
    "图4",
    "收、支决算总计变动情况",
    "收入决算结构",
    "支出决算结构",
    "财政拨款收、支决算总计变动情况",
    "图1：收、支决算总计变动情况",
    "图2：收入决算结构",
    "图3：支出决算结构",
    "图4：财政拨款收、支决算总计变动情况",
)

# Full-width punctuation that labels may use, plus U+2212 MINUS SIGN.
CHART_PUNCTUATION = "（）：，。、%％“”\u2212"

# Printable ASCII (space .. tilde): digits, "." and "%" of the value labels.
_ASCII_PRINTABLE = "".join(chr(c) for c in range(0x20, 0x7F))

FONT_FILENAME = "NotoSansSC-juesuan-subset.otf"
FONT_PATH = Path(__file__).resolve().parents[2] / "data" / "fonts" / FONT_FILENAME

# Size: A4 portrait text width, 15 cm x 8 cm at 200 dpi.
DPI = 200
FIG_WIDTH_PX = 1181  # 15 cm / 2.54 * 200
FIG_HEIGHT_PX = 630  # 8 cm / 2.54 * 200
# A chart may be drawn shorter to fit what is left of a page (render/chart_place.py), down to
# 5.6 cm: the type keeps its size, only the plot gets shorter.
MIN_HEIGHT_PX = 441

# Office-like palette, familiar next to Word's own charts.  A pie item keeps
# the colour of its position in the caller's list, so the same item has the
# same colour in every report.
PALETTE = (
    "#4472C4",
    "#ED7D31",
    "#A5A5A5",
    "#FFC000",
    "#5B9BD5",
    "#70AD47",
    "#264478",
    "#9E480E",
    "#636363",
    "#997300",
)
TEXT_COLOR = "#262626"
TICK_TEXT_COLOR = "#404040"
AXIS_COLOR = "#808080"
GRID_COLOR = "#D9D9D9"
WHITE = (255, 255, 255)

# Pie slices at least this share of the whole get their share printed inside.
MIN_INSIDE_SHARE = 0.06

# Pie slices are drawn this many times larger, then scaled down.
SUPERSAMPLE = 3

# zlib level of the PNG: flat colours compress well even at a low level.
_PNG_COMPRESS_LEVEL = 3

# Point sizes: the picture is placed at 15 cm wide, so these are true sizes.
_PX_PER_PT = DPI / 72
FONT_SIZE = 12.0  # readable beside the 16 pt body text (issue 21: 9 pt looked like 7)
_TITLE_SIZE = 13.0
VALUE_LABEL_SIZE = 11.0
SINGLE_SHARE_SIZE = 12.0
MIN_LEGEND_SIZE = 9.0  # a pie legend too wide for the figure shrinks down to this
LINE_PX = 2  # 0.6 pt axis, tick and grid lines, snapped to whole pixels

# Height of the middle of digits and CJK characters above the baseline, in em
# (Noto Sans CJK: ideographs span about -0.12..0.88 em, digits 0..0.73 em).
# Text said to be centred on y has its baseline at y + this * size.
_BODY_CENTRE_EM = 0.37


def chart_charset() -> str:
    """Every character the shipped font must cover, sorted, no duplicates."""
    chars = set(_ASCII_PRINTABLE) | set(CHART_PUNCTUATION)
    for word in CHART_VOCABULARY:
        chars.update(word)
    return "".join(sorted(chars))


# ---------------------------------------------------------------------------
# Pillow helpers (lazy import)
# ---------------------------------------------------------------------------
# FreeType faces must not be used by two threads at once; charts are cheap,
# so one chart is drawn at a time.
RENDER_LOCK = threading.RLock()


def to_px(points: float) -> float:
    return points * _PX_PER_PT


@lru_cache(maxsize=None)
def load_font(points: float) -> ImageFont.FreeTypeFont:
    """The shipped font at *points* (loaded once per size)."""
    from PIL import ImageFont

    if not FONT_PATH.is_file():
        raise FileNotFoundError(
            f"chart font missing: {FONT_PATH} "
            "(regenerate with tools/make_font_subset.py)"
        )
    # BASIC layout (no libraqm): the same glyph positions on every machine,
    # and CJK, digits and ASCII need no shaping.  Integer pixel sizes work
    # with every Pillow >= 10.
    return ImageFont.truetype(
        str(FONT_PATH), round(to_px(points)), layout_engine=ImageFont.Layout.BASIC
    )


def text_width(text: str, font: ImageFont.FreeTypeFont) -> float:
    return font.getlength(text)


def draw_text(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: str,
    h: str = "m",
    v: str = "c",
) -> None:
    """Draw *text* at (x, y).

    *h*: ``l``/``m``/``r`` — x is the left edge, middle or right edge.
    *v*: ``c`` — y is the middle of the characters (same baseline for every
    text of a row, whatever its glyphs); ``t``/``b`` — y is the top/bottom of
    the ink.
    """
    if v == "c":
        draw.text((x, y + _BODY_CENTRE_EM * font.size), text, font=font,
                  fill=fill, anchor=h + "s")
    else:
        draw.text((x, y), text, font=font, fill=fill, anchor=h + v)


def draw_rect(draw: ImageDraw.ImageDraw, x0: float, y0: float, x1: float, y1: float,
          fill) -> None:
    """Fill the half-open pixel box [x0, x1) x [y0, y1), snapped to whole pixels."""
    ix0, iy0, ix1, iy1 = (round(c) for c in (min(x0, x1), min(y0, y1),
                                             max(x0, x1), max(y0, y1)))
    if ix1 > ix0 and iy1 > iy0:
        draw.rectangle((ix0, iy0, ix1 - 1, iy1 - 1), fill=fill)


def draw_hline(draw: ImageDraw.ImageDraw, x0: float, x1: float, y: float, fill) -> None:
    """A horizontal line of LINE_PX pixels centred on y."""
    top = round(y - LINE_PX / 2)
    draw_rect(draw, x0, top, x1, top + LINE_PX, fill)


def draw_vline(draw: ImageDraw.ImageDraw, x: float, y0: float, y1: float, fill) -> None:
    left = round(x - LINE_PX / 2)
    draw_rect(draw, left, y0, left + LINE_PX, y1, fill)


def new_image(height_px: int = FIG_HEIGHT_PX):
    from PIL import Image

    return Image.new("RGB", (FIG_WIDTH_PX, height_px), WHITE)


def png_bytes(image) -> bytes:
    buf = io.BytesIO()
    # Pillow writes no time stamp or text chunk unless asked to: the bytes
    # are a pure function of the pixels.  pHYs records 200 dpi.
    image.save(buf, format="PNG", compress_level=_PNG_COMPRESS_LEVEL,
               dpi=(DPI, DPI))
    return buf.getvalue()


def text_color_on(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.6 else TEXT_COLOR


def draw_title(draw: ImageDraw.ImageDraw, title: str, height_px: int = FIG_HEIGHT_PX) -> None:
    draw_text(draw, FIG_WIDTH_PX / 2, 0.035 * height_px, title,
          load_font(_TITLE_SIZE), TEXT_COLOR, "m", "t")
