"""Charts 图1–图4 of the 部门决算公开 report, drawn as PNG bytes.

Pure functions from numbers to PNG bytes.  The caller owns number formatting:
every number printed inside a chart (bar value labels, pie shares) is passed
in as an already formatted string.  The only numbers this module prints
itself are the y-axis tick values, round numbers in steps of 1, 2, 2.5 or 5
times a power of ten.

Chinese text is drawn with a small subset of Noto Sans CJK SC that ships in
``juesuan/data/fonts/``, so no system font is needed.  The subset holds only
the characters of :func:`chart_charset` (ASCII, some full-width punctuation,
and the characters of :data:`CHART_VOCABULARY`).  To print a new word in a
chart, add it to :data:`CHART_VOCABULARY` and re-run
``python tools/make_font_subset.py``.

The vocabulary, the font, sizes and colours and the Pillow drawing primitives are in
:mod:`juesuan.render.charts.canvas`; this module draws the two kinds of chart.

Drawing uses Pillow, imported lazily inside the drawing functions, so
importing this module is cheap (tools/make_font_subset.py imports it for the
vocabulary alone).  Pillow draws four charts in a fraction of the time
matplotlib took (its import and set-up alone cost more than half of the
report's time budget).

Bar charts consist of axis-aligned rectangles and lines only; they are drawn
at the final resolution with coordinates snapped to whole pixels, which is
what keeps their edges crisp.  Pie slices are drawn at
:data:`SUPERSAMPLE` times the size and scaled down (anti-aliasing).  Text is
always drawn at the final resolution, where FreeType anti-aliases it.
"""

from __future__ import annotations

import math
from decimal import Decimal

from juesuan.render.charts.canvas import (AXIS_COLOR, CHART_PUNCTUATION, CHART_VOCABULARY, DPI, FIG_HEIGHT_PX,
                          FIG_WIDTH_PX, MIN_HEIGHT_PX, FONT_PATH, FONT_SIZE, GRID_COLOR, LINE_PX, MIN_INSIDE_SHARE,
                          PALETTE, RENDER_LOCK, SINGLE_SHARE_SIZE, MIN_LEGEND_SIZE, SUPERSAMPLE, TEXT_COLOR,
                          TICK_TEXT_COLOR, VALUE_LABEL_SIZE, WHITE, chart_charset, draw_hline,
                          draw_rect, draw_text, draw_title, draw_vline, load_font, new_image,
                          png_bytes, text_color_on, text_width, to_px)

__all__ = [
    "CHART_VOCABULARY",
    "CHART_PUNCTUATION",
    "FONT_PATH",
    "FIG_WIDTH_PX",
    "FIG_HEIGHT_PX",
    "DPI",
    "chart_charset",
    "bar_chart",
    "pie_chart",
]


# ---------------------------------------------------------------------------
# Bar chart (图1, 图4)
# ---------------------------------------------------------------------------
_TICK_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def _nice_ticks(lo: Decimal, hi: Decimal, max_intervals: int = 5) -> list[Decimal]:
    """Round y ticks covering [lo, hi] (lo <= 0 <= hi, not both 0).

    The step is 1, 2, 2.5 or 5 times a power of ten, the smallest that covers
    the range in at most *max_intervals* steps with at least three ticks; the
    first and last tick enclose the range, so the axis ends on a tick.
    """
    span = hi - lo
    exponent = (span / max_intervals).adjusted()
    candidates = [m.scaleb(e) for e in (exponent - 1, exponent, exponent + 1)
                  for m in _TICK_STEPS]
    best: list[Decimal] | None = None
    for step in sorted(set(candidates)):
        first = (lo / step).to_integral_value(rounding="ROUND_FLOOR")
        last = (hi / step).to_integral_value(rounding="ROUND_CEILING")
        if last - first <= max_intervals:
            ticks = [(first + k) * step for k in range(int(last - first) + 1)]
            if len(ticks) >= 3:
                return ticks
            best = best or ticks
    if best is None:  # unreachable: the largest candidate step covers the span
        best = [lo, hi]
    return best


def _tick_label(value: Decimal, step: Decimal) -> str:
    places = max(-step.normalize().as_tuple().exponent, 0)
    return f"{abs(value) if value == 0 else value:.{places}f}"  # never "-0"


def bar_chart(
    title: str,
    groups: list[str],
    series: list[tuple[str, list[Decimal]]],
    value_labels: list[list[str]],
    y_label: str = "万元",
    height_px: int | None = None,
) -> bytes:
    """Grouped bars: one group per entry of *groups*, one bar per series.

    ``series[i] = (name, values)`` with ``values[j]`` the bar of group j;
    ``value_labels[i][j]`` is printed above that bar.  *y_label* is the unit,
    printed horizontally above the y axis.  An empty *title* draws no title.
    *height_px*: a shorter figure (render/chart_place.py, to fit the rest of a page); the type
    keeps its size, the plot area gets shorter.
    """
    n_groups = len(groups)
    n_series = len(series)
    if n_groups == 0 or n_series == 0:
        raise ValueError("bar_chart needs at least one group and one series")
    if len(value_labels) != n_series:
        raise ValueError("value_labels must have one list per series")
    for (name, values), labels in zip(series, value_labels):
        if len(values) != n_groups or len(labels) != n_groups:
            raise ValueError(
                f"series {name!r}: expected {n_groups} values and value labels"
            )

    with RENDER_LOCK:
        return _draw_bar_chart(title, groups, series, value_labels, y_label, _height(height_px))


def _height(height_px: int | None) -> int:
    """The figure's height in pixels: the standard one, or a shorter one not below MIN_HEIGHT_PX."""
    return FIG_HEIGHT_PX if height_px is None else max(min(int(height_px), FIG_HEIGHT_PX), MIN_HEIGHT_PX)


def _draw_bar_chart(title, groups, series, value_labels, y_label, H: int) -> bytes:
    from PIL import ImageDraw

    W = FIG_WIDTH_PX
    font = load_font(FONT_SIZE)
    value_font = load_font(VALUE_LABEL_SIZE)
    n_groups, n_series = len(groups), len(series)

    # y range: round ticks with head room (12 %) for the value labels.
    values = [Decimal(v) for _, row in series for v in row]
    hi = max(max(values), Decimal(0))
    lo = min(min(values), Decimal(0))
    if hi == 0 and lo == 0:
        hi = Decimal(1)
    room = Decimal("1.12")
    ticks = _nice_ticks(lo * room, hi * room)
    step = ticks[1] - ticks[0]
    y_min, y_max = ticks[0], ticks[-1]
    tick_labels = [_tick_label(t, step) for t in ticks]

    # Plot area.  The left margin grows for wide tick labels or a long unit.
    tick_len, tick_pad = to_px(2.5), to_px(2.0)
    unit_dx = to_px(4)
    widest = max(text_width(t, font) for t in tick_labels)
    unit_w = text_width(y_label, font) if y_label else 0.0
    left = max(0.11 * W, widest + tick_len + tick_pad + 8, unit_w + unit_dx + 8)
    right = 0.975 * W
    top = (0.20 if title else 0.14) * H
    bottom = H - max(0.10 * H, to_px(17))  # the group labels under the axis keep their room

    def ypx(v: float) -> float:
        return bottom - (v - float(y_min)) / float(y_max - y_min) * (bottom - top)

    def xpx(x: float) -> float:  # group j is centred on x = j
        return left + (x + 0.6) / (n_groups + 0.2) * (right - left)

    image = new_image(H)
    draw = ImageDraw.Draw(image)

    for t in ticks:
        draw_hline(draw, left, right, ypx(float(t)), GRID_COLOR)

    # Bars 0.24 wide at centres 0.32 apart (room for long value labels);
    # narrower when many series share a group.
    pitch = min(0.72 / n_series, 0.32)
    bar_w = pitch * 0.75
    offset0 = -pitch * (n_series - 1) / 2
    zero_y = ypx(0.0)
    labels_to_draw: list[tuple[float, float, str, bool]] = []
    for i, (_, row) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        for j, value in enumerate(row):
            centre = j + offset0 + i * pitch
            x0, x1 = xpx(centre - bar_w / 2), xpx(centre + bar_w / 2)
            y = ypx(float(value))
            draw_rect(draw, x0, y, x1, zero_y, color)
            if value_labels[i][j]:
                labels_to_draw.append(((x0 + x1) / 2, y, value_labels[i][j], value >= 0))

    if lo < 0:
        draw_hline(draw, left, right, zero_y, AXIS_COLOR)
    # Axis lines, y ticks and their labels.
    draw_vline(draw, left, top, bottom + LINE_PX / 2, AXIS_COLOR)
    draw_hline(draw, left, right, bottom, AXIS_COLOR)
    for t, label in zip(ticks, tick_labels):
        y = ypx(float(t))
        draw_hline(draw, left - tick_len, left, y, TICK_TEXT_COLOR)
        draw_text(draw, left - tick_len - tick_pad, y, label, font, TICK_TEXT_COLOR, "r")

    gap = to_px(2.5)
    for x, y, text, up in labels_to_draw:
        if up:
            draw_text(draw, x, y - gap, text, value_font, TEXT_COLOR, "m", "b")
        else:
            draw_text(draw, x, y + gap, text, value_font, TEXT_COLOR, "m", "t")

    for j, group in enumerate(groups):
        draw_text(draw, xpx(j), bottom + to_px(4), group, font, TEXT_COLOR, "m", "t")

    # Unit written horizontally above the y axis (Chinese convention).
    row_y = top - to_px(15.5)  # the row of the unit and the legend
    if y_label:
        draw_text(draw, left - unit_dx, row_y, y_label, font, TEXT_COLOR, "r")

    # Legend: one row, centred over the plot area.
    em = font.size
    handle_w, handle_h = 1.2 * em, 0.9 * em
    handle_pad, column_gap = 0.8 * em, 2.0 * em
    names = [name for name, _ in series]
    widths = [handle_w + handle_pad + text_width(n, font) for n in names]
    x = (left + right) / 2 - (sum(widths) + column_gap * (n_series - 1)) / 2
    for i, (name, width) in enumerate(zip(names, widths)):
        draw_rect(draw, x, row_y - handle_h / 2, x + handle_w, row_y + handle_h / 2,
              PALETTE[i % len(PALETTE)])
        draw_text(draw, x + handle_w + handle_pad, row_y, name, font, TEXT_COLOR, "l")
        x += width + column_gap

    if title:
        draw_title(draw, title, H)
    return png_bytes(image)


# ---------------------------------------------------------------------------
# Pie chart (图2, 图3)
# ---------------------------------------------------------------------------
def pie_chart(
    title: str,
    labels: list[str],
    values: list[Decimal],
    share_labels: list[str],
    height_px: int | None = None,
) -> bytes | None:
    """Pie of the non-zero *values*; ``None`` when all values are zero.

    *share_labels* are the caller's rounded shares ("62.8%").  Zero values are
    dropped together with their labels.  Each category keeps the colour of
    its position in *labels*, so the same item has the same colour in every
    report.  Slices run clockwise from 12 o'clock.  Shares are printed inside
    slices large enough to hold them and, for every slice, in the legend.  A
    single non-zero value is drawn as a full circle with its share in the
    middle.  *height_px*: a shorter figure, as for :func:`bar_chart`.
    """
    if not (len(labels) == len(values) == len(share_labels)):
        raise ValueError("labels, values and share_labels must have equal length")
    if any(v < 0 for v in values):
        raise ValueError("pie_chart values must not be negative")
    keep = [i for i, v in enumerate(values) if v != 0]
    if not keep:
        return None

    with RENDER_LOCK:
        return _draw_pie_chart(title, labels, values, share_labels, keep, _height(height_px))


def _pie_patch(radius: float, frac_x: float, frac_y: float, angles: list[float],
               colors: list[str], size: int):
    """A *size* x *size* white image holding the pie, drawn at SUPERSAMPLE x
    and scaled down.  The centre sits at (frac_x + size/2, frac_y + size/2)."""
    from PIL import Image, ImageDraw

    ss = SUPERSAMPLE
    big = Image.new("RGB", (size * ss, size * ss), WHITE)
    draw = ImageDraw.Draw(big)
    cx = (frac_x + size / 2) * ss
    cy = (frac_y + size / 2) * ss
    r = radius * ss
    box = (cx - r, cy - r, cx + r, cy + r)
    if len(colors) == 1:
        draw.ellipse(box, fill=colors[0])
    else:
        for start, end, color in zip(angles, angles[1:], colors):
            draw.pieslice(box, start, end, fill=color)
        # White 1 pt borders between the slices.
        width = max(round(to_px(1.0) * ss), 1)
        reach = r + width
        for angle in angles[:-1]:
            a = math.radians(angle)
            draw.line((cx, cy, cx + reach * math.cos(a), cy + reach * math.sin(a)),
                      fill=WHITE, width=width)
        draw.ellipse((cx - width / 2, cy - width / 2, cx + width / 2, cy + width / 2),
                     fill=WHITE)
    # reducing_gap=1.5: Pillow first averages 2x2 blocks, then resamples the
    # rest with LANCZOS; it looks the same as LANCZOS all the way and takes
    # half the time (about 15 ms instead of 35 ms a pie).
    return big.resize((size, size), Image.Resampling.LANCZOS, reducing_gap=1.5)


def _draw_pie_chart(title, labels, values, share_labels, keep, H: int) -> bytes:
    from PIL import ImageDraw

    W = FIG_WIDTH_PX

    # Legend: "label  share" for every kept item, a square of its colour.
    legend_texts = [
        f"{labels[i]}  {share_labels[i]}" if share_labels[i] else labels[i]
        for i in keep
    ]
    colors = [PALETTE[i % len(PALETTE)] for i in keep]
    # the legend is set at the chart's type size; only labels too long for the figure beside a
    # pie of a quarter of its width get a smaller size (never below MIN_LEGEND_SIZE)
    points = FONT_SIZE
    while True:
        font = load_font(points)
        em = font.size
        handle, handle_pad, row_pitch = 0.85 * em, 0.8 * em, 1.7 * em
        legend_w = handle + handle_pad + max(text_width(t, font) for t in legend_texts)
        if legend_w <= 0.96 * W - 0.05 * W - 0.25 * W or points <= MIN_LEGEND_SIZE:
            break
        points -= 0.5

    # Full-height pie, shrunk when the legend is too wide; pie + gap + legend
    # centred across the figure.
    top = (0.14 if title else 0.04) * H
    bottom = 0.96 * H
    side = bottom - top
    gap, usable = 0.05 * W, 0.96 * W
    if side + gap + legend_w > usable:
        side = max(usable - gap - legend_w, 0.25 * W)
    left = max((W - (side + gap + legend_w)) / 2, 0.02 * W)
    cx = left + side / 2
    cy = (top + bottom) / 2
    radius = side / 2 / 1.02

    # Angles in Pillow's convention: degrees clockwise from 3 o'clock, so
    # 12 o'clock is -90 and the slices go clockwise from there.
    floats = [float(values[i]) for i in keep]
    total = sum(floats)
    angles = [-90.0]
    running = 0.0
    for v in floats:
        running += v
        angles.append(-90.0 + 360.0 * running / total)
    angles[-1] = 270.0

    image = new_image(H)
    size = math.ceil(2 * radius) + 4
    ox, oy = math.floor(cx - size / 2), math.floor(cy - size / 2)
    patch = _pie_patch(radius, cx - size / 2 - ox, cy - size / 2 - oy, angles,
                       colors, size)
    image.paste(patch, (ox, oy))
    draw = ImageDraw.Draw(image)

    if len(keep) == 1:
        draw_text(draw, cx, cy, share_labels[keep[0]], load_font(SINGLE_SHARE_SIZE),
              text_color_on(colors[0]))
    else:
        inside_font = load_font(VALUE_LABEL_SIZE)
        for k, i in enumerate(keep):
            if floats[k] / total < MIN_INSIDE_SHARE or not share_labels[i]:
                continue
            mid = math.radians((angles[k] + angles[k + 1]) / 2)
            r = 0.66 * radius
            draw_text(draw, cx + r * math.cos(mid), cy + r * math.sin(mid),
                  share_labels[i], inside_font, text_color_on(colors[k]))

    x = left + side + gap
    y = cy - row_pitch * (len(keep) - 1) / 2
    for text, color in zip(legend_texts, colors):
        draw_rect(draw, x, y - handle / 2, x + handle, y + handle / 2, color)
        draw_text(draw, x + handle + handle_pad, y, text, font, TEXT_COLOR, "l")
        y += row_pitch

    if title:
        draw_title(draw, title, H)
    return png_bytes(image)
