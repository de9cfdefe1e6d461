"""Charts 图1–图4 of the 部门决算公开 report, drawn as PNG bytes.

Pure functions from numbers to PNG bytes.  The caller owns number formatting:
every number printed inside a chart (bar value labels, pie shares) is passed
in as an already formatted string.  The only numbers this module prints
itself are the y-axis tick values, which matplotlib chooses as round numbers.

Chinese text is drawn with a small subset of Noto Sans CJK SC that ships in
``juesuan/data/fonts/``, so no system font is needed.  The subset holds only
the characters of :func:`chart_charset` (ASCII, some full-width punctuation,
and the characters of :data:`CHART_VOCABULARY`).  To print a new word in a
chart, add it to :data:`CHART_VOCABULARY` and re-run
``python tools/make_font_subset.py``.

matplotlib is imported lazily inside the drawing functions, so importing this
module is cheap.  Drawing uses the Agg canvas directly (no pyplot, no global
backend switch) and an ``rc_context`` that starts from matplotlib's defaults,
so a user's matplotlibrc or style cannot change the output, and the host
process's rcParams are left as they were.
"""

from __future__ import annotations

import io
import math
import threading
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

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
    # captions and titles (DOMAIN §8)
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
FONT_PATH = Path(__file__).resolve().parent / "data" / "fonts" / FONT_FILENAME

# Size: A4 portrait text width, 15 cm x 8 cm at 200 dpi.
DPI = 200
FIG_WIDTH_PX = 1181  # 15 cm / 2.54 * 200
FIG_HEIGHT_PX = 630  # 8 cm / 2.54 * 200

# Office-like palette, familiar next to Word's own charts.
_PALETTE = (
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

# Pie slices at least this share of the whole get their share printed inside.
_MIN_INSIDE_SHARE = 0.06

# zlib level of the PNG: 3 is ~13 ms a chart faster than 6 for ~30 % more
# bytes (about 35-50 KB a chart).
_PNG_COMPRESS_LEVEL = 3

# Point sizes: the picture is placed at 15 cm wide, so these are true sizes.
_FONT_SIZE = 9.0
_TITLE_SIZE = 10.5
_VALUE_LABEL_SIZE = 8.5


def chart_charset() -> str:
    """Every character the shipped font must cover, sorted, no duplicates."""
    chars = set(_ASCII_PRINTABLE) | set(CHART_PUNCTUATION)
    for word in CHART_VOCABULARY:
        chars.update(word)
    return "".join(sorted(chars))


# ---------------------------------------------------------------------------
# matplotlib set-up (lazy, once per process)
# ---------------------------------------------------------------------------
_setup_lock = threading.Lock()
_render_lock = threading.RLock()
_font_family: str | None = None


def _font() -> str:
    """Register the shipped font with matplotlib once; return its family name."""
    global _font_family
    if _font_family is not None:
        return _font_family
    with _setup_lock:
        if _font_family is None:
            from matplotlib import font_manager

            if not FONT_PATH.is_file():
                raise FileNotFoundError(
                    f"chart font missing: {FONT_PATH} "
                    "(regenerate with tools/make_font_subset.py)"
                )
            font_manager.fontManager.addfont(str(FONT_PATH))
            _font_family = font_manager.FontProperties(fname=str(FONT_PATH)).get_name()
    return _font_family


def _rc() -> dict:
    return {
        # Shipped font first; DejaVu Sans (bundled with matplotlib) as fallback.
        "font.family": [_font(), "DejaVu Sans"],
        "font.size": _FONT_SIZE,
        "axes.unicode_minus": False,
        "text.parse_math": False,
        "axes.linewidth": 0.6,
        "axes.edgecolor": "#808080",
        "xtick.color": "#404040",
        "ytick.color": "#404040",
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "text.color": "#262626",
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "savefig.transparent": False,
    }


def _new_figure():
    """A white figure of the fixed size on an Agg canvas (no pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(FIG_WIDTH_PX / DPI, FIG_HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    # No "Software" text chunk (it names the matplotlib version); Agg output
    # is otherwise a pure function of the input.
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None},
                pil_kwargs={"compress_level": _PNG_COMPRESS_LEVEL})
    return buf.getvalue()


@contextmanager
def _rc_context():
    import matplotlib

    # rcParams are process-global: one chart at a time.
    with _render_lock, matplotlib.rc_context():
        # Start from matplotlib's defaults, whatever the user's rc file says;
        # rc_context restores the caller's rcParams on exit.
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(_rc())
        yield


def _text_color_on(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.6 else "#262626"


# ---------------------------------------------------------------------------
# Bar chart (图1, 图4)
# ---------------------------------------------------------------------------
def bar_chart(
    title: str,
    groups: list[str],
    series: list[tuple[str, list[Decimal]]],
    value_labels: list[list[str]],
    y_label: str = "万元",
) -> bytes:
    """Grouped bars: one group per entry of *groups*, one bar per series.

    ``series[i] = (name, values)`` with ``values[j]`` the bar of group j;
    ``value_labels[i][j]`` is printed above that bar.  *y_label* is the unit,
    printed horizontally above the y axis.  An empty *title* draws no title.
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

    with _rc_context():
        from matplotlib.ticker import MaxNLocator, ScalarFormatter

        fig = _new_figure()
        top = 0.80 if title else 0.86
        fig.subplots_adjust(left=0.11, right=0.975, bottom=0.10, top=top)
        ax = fig.add_subplot()

        floats = [[float(v) for v in values] for _, values in series]
        # Bar centres 0.32 apart (room for long value labels), bars 0.24 wide;
        # narrower when many series share a group.
        pitch = min(0.72 / n_series, 0.32)
        bar_width = pitch * 0.75
        offset0 = -pitch * (n_series - 1) / 2
        handles = []
        for i, ((name, _), heights) in enumerate(zip(series, floats)):
            xs = [j + offset0 + i * pitch for j in range(n_groups)]
            color = _PALETTE[i % len(_PALETTE)]
            bars = ax.bar(xs, heights, width=bar_width, color=color,
                          label=name, zorder=2)
            handles.append(bars)
            for x, h, text in zip(xs, heights, value_labels[i]):
                if not text:
                    continue
                ax.annotate(
                    text,
                    xy=(x, h),
                    xytext=(0, 2.5 if h >= 0 else -2.5),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if h >= 0 else "top",
                    fontsize=_VALUE_LABEL_SIZE,
                )

        all_values = [v for row in floats for v in row]
        hi = max(max(all_values), 0.0)
        lo = min(min(all_values), 0.0)
        if hi == 0.0 and lo == 0.0:
            hi = 1.0
        # Round ticks; the axis ends on a tick with head room for the labels.
        locator = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3)
        ticks = locator.tick_values(lo * 1.12, hi * 1.12)
        y_top = ticks[-1] if hi > 0 else 0.0
        y_bottom = ticks[0] if lo < 0 else 0.0
        ax.set_ylim(y_bottom, y_top)
        ax.yaxis.set_major_locator(locator)
        formatter = ScalarFormatter(useOffset=False)
        formatter.set_scientific(False)
        ax.yaxis.set_major_formatter(formatter)

        ax.set_xticks(range(n_groups))
        ax.set_xticklabels(groups)
        ax.set_xlim(-0.6, n_groups - 0.4)
        ax.tick_params(axis="x", length=0, pad=4)
        ax.tick_params(axis="y", length=2.5, pad=2)
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
        ax.yaxis.grid(True, color="#D9D9D9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        if lo < 0:
            ax.axhline(0.0, color="#808080", linewidth=0.6, zorder=3)

        if y_label:
            # Unit written horizontally above the y axis (Chinese convention).
            ax.annotate(
                y_label,
                xy=(0, 1),
                xycoords="axes fraction",
                xytext=(-4, 9),
                textcoords="offset points",
                ha="right",
                va="bottom",
            )
        fig.legend(
            handles,
            [name for name, _ in series],
            loc="upper center",
            bbox_to_anchor=(0.54, top + 0.125),
            ncol=n_series,
            frameon=False,
            handlelength=1.2,
            handleheight=0.9,
            columnspacing=2.0,
        )
        if title:
            fig.text(0.5, 0.965, title, ha="center", va="top", fontsize=_TITLE_SIZE)
        return _png(fig)


# ---------------------------------------------------------------------------
# Pie chart (图2, 图3)
# ---------------------------------------------------------------------------
def pie_chart(
    title: str,
    labels: list[str],
    values: list[Decimal],
    share_labels: list[str],
) -> bytes | None:
    """Pie of the non-zero *values*; ``None`` when all values are zero.

    *share_labels* are the caller's rounded shares ("62.8%").  Zero values are
    dropped together with their labels.  Each category keeps the colour of
    its position in *labels*, so the same item has the same colour in every
    report.  Shares are printed inside slices large enough to hold them and,
    for every slice, in the legend.  A single non-zero value is drawn as a
    full circle with its share in the middle.
    """
    if not (len(labels) == len(values) == len(share_labels)):
        raise ValueError("labels, values and share_labels must have equal length")
    if any(v < 0 for v in values):
        raise ValueError("pie_chart values must not be negative")
    keep = [i for i, v in enumerate(values) if v != 0]
    if not keep:
        return None

    with _rc_context():
        fig = _new_figure()
        top = 0.86 if title else 0.96
        bottom = 0.04
        h = top - bottom
        w = h * FIG_HEIGHT_PX / FIG_WIDTH_PX  # square axes
        # Placed below, once the legend has been measured.
        ax = fig.add_axes((0.0, bottom, w, h))

        kept_values = [float(values[i]) for i in keep]
        colors = [_PALETTE[i % len(_PALETTE)] for i in keep]
        wedges, _ = ax.pie(
            kept_values,
            colors=colors,
            startangle=90,
            counterclock=False,
            radius=1.0,
            wedgeprops={"linewidth": 1.0, "edgecolor": "white"},
        )
        ax.set_xlim(-1.02, 1.02)
        ax.set_ylim(-1.02, 1.02)
        ax.set_aspect("equal")
        ax.axis("off")

        total = sum(kept_values)
        if len(keep) == 1:
            ax.text(0, 0, share_labels[keep[0]], ha="center", va="center",
                    color=_text_color_on(colors[0]), fontsize=_FONT_SIZE + 1)
        else:
            for wedge, i, v, color in zip(wedges, keep, kept_values, colors):
                if v / total < _MIN_INSIDE_SHARE or not share_labels[i]:
                    continue
                angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
                r = 0.66
                ax.text(r * math.cos(angle), r * math.sin(angle), share_labels[i],
                        ha="center", va="center", color=_text_color_on(color),
                        fontsize=_VALUE_LABEL_SIZE)

        legend_labels = [
            f"{labels[i]}  {share_labels[i]}" if share_labels[i] else labels[i]
            for i in keep
        ]
        legend = fig.legend(
            wedges,
            legend_labels,
            loc="center left",
            frameon=False,
            handlelength=1.0,
            handleheight=1.0,
            labelspacing=0.7,
            borderaxespad=0.0,
            borderpad=0.0,
        )
        # Centre pie + gap + legend across the figure; shrink the pie if the
        # legend is too wide for the full-height pie.
        legend_w = (
            legend.get_window_extent(fig.canvas.get_renderer()).width / FIG_WIDTH_PX
        )
        gap, usable = 0.05, 0.96
        if w + gap + legend_w > usable:
            w_new = max(usable - gap - legend_w, 0.25)
            h_new = w_new * FIG_WIDTH_PX / FIG_HEIGHT_PX
            bottom += (h - h_new) / 2
            w, h = w_new, h_new
        left = max((1.0 - (w + gap + legend_w)) / 2, 0.02)
        ax.set_position((left, bottom, w, h))
        legend.set_bbox_to_anchor((left + w + gap, bottom + h / 2), fig.transFigure)
        if title:
            fig.text(0.5, 0.965, title, ha="center", va="top", fontsize=_TITLE_SIZE)
        return _png(fig)
