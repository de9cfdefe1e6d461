"""The paragraph styles and page geometry of the report, named once.

tools/make_master_template.py builds templates/report.docx from these definitions and the
renderer refers to the styles by the names below, so the two cannot drift apart.

Fonts follow official-document practice: 方正小标宋简体 for the cover title, 黑体 for part and
section headings, 楷体 for（一）-level headings, 仿宋 for body text, 宋体 for tables.  Every
style sets the East Asian font explicitly (w:eastAsia), otherwise Word and LibreOffice fall
back to the theme's East Asian font.
"""
from __future__ import annotations

from dataclasses import dataclass

# Style names as python-docx knows them (built-in styles by their UI name).
NORMAL = "Normal"
H1 = "Heading 1"
H2 = "Heading 2"
H3 = "Heading 3"
TOC1 = "toc 1"
TOC2 = "toc 2"
CAPTION = "Caption"
FOOTER = "Footer"
COVER_TITLE = "Title"
COVER_TEXT = "封面文字"
COVER_NOTE = "封面附件号"
TOC_TITLE = "目录标题"
TABLE_TITLE = "表格标题"
TABLE_META = "表头信息"
TABLE_TEXT = "表格文字"
TABLE_NOTE = "表注"
PICTURE = "图片"

HEADING_STYLES = {1: H1, 2: H2, 3: H3}

# Font names as written into w:rFonts.
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体"
FANGSONG = "仿宋"
SONGTI = "宋体"
LATIN = "Times New Roman"

# Page geometry in twentieths of a point (twips). A4, official-document margins.
CM = 567  # twips per centimetre (rounded)
PAGE_W = 11906
PAGE_H = 16838
MARGIN_TOP = 1440
MARGIN_BOTTOM = 1440
MARGIN_LEFT = 1588
MARGIN_RIGHT = 1474
HEADER_DIST = 851
FOOTER_DIST = 992
# Landscape pages hold the wide 表6 / 三公 tables: narrower top and bottom margins keep 表6 on
# one page.
LANDSCAPE_MARGIN_TB = 1077
LANDSCAPE_FOOTER_DIST = 510


def text_width(landscape: bool = False) -> int:
    """Usable line width in twips: portrait 15.6 cm, landscape about 24.3 cm."""
    return (PAGE_H if landscape else PAGE_W) - MARGIN_LEFT - MARGIN_RIGHT


@dataclass(frozen=True)
class StyleSpec:
    name: str
    east_asia: str
    size_pt: float
    latin: str = LATIN
    based_on: str | None = NORMAL
    bold: bool = False
    align: str | None = None  # left | center | right | both
    first_line_chars: int = 0  # first-line indent in characters (2 for body paragraphs)
    left_chars: int = 0  # left indent in characters
    tab_right: bool = False  # a right-aligned dot-leader tab stop at the text width (目录 lines)
    line_exact_pt: float | None = None  # exact line spacing; None = single
    before_pt: float = 0
    after_pt: float = 0
    keep_next: bool = False
    page_break_before: bool = False
    outline: int | None = None  # 0-based outline level (headings)
    style_id: str | None = None  # for new styles: an ASCII id


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(NORMAL, FANGSONG, 16, based_on=None, align="both", first_line_chars=2, line_exact_pt=28),
    StyleSpec(H1, HEITI, 18, align="center", line_exact_pt=None, before_pt=12, after_pt=18,
              keep_next=True, page_break_before=True, outline=0),
    StyleSpec(H2, HEITI, 16, align="left", first_line_chars=2, line_exact_pt=28, before_pt=6,
              keep_next=True, outline=1),
    StyleSpec(H3, KAITI, 16, align="left", first_line_chars=2, line_exact_pt=28, keep_next=True, outline=2),
    StyleSpec(COVER_TITLE, XIAOBIAOSONG, 26, align="center", line_exact_pt=None, after_pt=12,
              style_id="Title"),
    StyleSpec(COVER_TEXT, KAITI, 16, align="center", line_exact_pt=None, before_pt=0, style_id="CoverText"),
    StyleSpec(COVER_NOTE, HEITI, 16, align="left", line_exact_pt=None, style_id="CoverNote"),
    StyleSpec(TOC_TITLE, HEITI, 18, align="center", line_exact_pt=None, after_pt=18,
              page_break_before=True, style_id="TocTitle"),
    StyleSpec(TOC1, HEITI, 14, align="left", line_exact_pt=26, tab_right=True, style_id="TOC1"),
    StyleSpec(TOC2, FANGSONG, 14, align="left", left_chars=2, line_exact_pt=26, tab_right=True, style_id="TOC2"),
    StyleSpec(CAPTION, FANGSONG, 14, align="center", line_exact_pt=None, after_pt=6, style_id="Caption"),
    StyleSpec(TABLE_TITLE, HEITI, 16, align="center", line_exact_pt=None, after_pt=6, keep_next=True,
              style_id="TableTitle"),
    StyleSpec(TABLE_META, SONGTI, 10.5, align="left", line_exact_pt=None, keep_next=True, style_id="TableMeta"),
    # Exact 11 pt lines keep a 9 pt table compact whatever font the viewer falls back to.
    StyleSpec(TABLE_TEXT, SONGTI, 9, align="left", line_exact_pt=11, style_id="TableText"),
    StyleSpec(TABLE_NOTE, SONGTI, 10, align="left", line_exact_pt=None, before_pt=3, style_id="TableNote"),
    StyleSpec(PICTURE, FANGSONG, 16, align="center", line_exact_pt=None, before_pt=6, keep_next=True,
              style_id="Picture"),
    StyleSpec(FOOTER, SONGTI, 14, align="center", line_exact_pt=None, style_id="Footer"),
)

STYLE_BY_NAME = {spec.name: spec for spec in STYLES}
