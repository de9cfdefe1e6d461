"""Issue 21, layout a reviewer struck (pages looked at as images): labels of 公开04表 wrapped inside a
word, a 实际完成值 column run to 13 lines, “664.91万/元”, headings in body style left at a page
foot, chart labels too small beside 16 pt text.  The PDF itself: tests/render/pdf/test_pdf_layout.py."""
from __future__ import annotations

from docx import Document
from conftest import EXAMPLE_DATA

from juesuan.maintenance.examples import load_example
from juesuan.render.docx import styles as S
from juesuan.render.docx.readback import plain
from juesuan.render.docx.tables import column_widths, laid_out
from juesuan.render.docx.writer import WJ, heading_like, keep_units
from juesuan.render.selfeval import overall_grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_table_labels_wrap_between_words():
    # 公开04表 income label in a column of about 10 characters: 「一、一般公共预算/财政拨款」, not 「…财政/拨款」
    assert laid_out("一、一般公共预算财政拨款", "body", "text", 1870, 8, False) == "一、一般公共预算\n财政拨款"


def test_self_evaluation_columns_follow_their_text():
    """Example b's 整体绩效自评表: the 实际完成值 column (long sentences) is wider than the 年度绩效指标
    label column and wider than its fixed layout share (21 of 100)."""
    grid = overall_grid(load_example(EXAMPLE_DATA / "b_hanyang_2024.json"), "")
    widths, _ = column_widths(grid, S.text_width())
    assert widths[5] > widths[0] and widths[5] > 0.21 * sum(widths)


def test_numbers_keep_their_units_where_a_line_ends():
    width = S.text_width() / 20
    # the unit of 664.91万元 falls at the end of line 1 of a 16 pt body paragraph (2 characters indent)
    text = "本年度支出合计为" + "很" * 14 + "664.91万元，比上年增加。"
    joined = keep_units(text, width, 16, 2)
    assert f"664.91{WJ}万{WJ}元" in joined and plain(joined) == text
    # elsewhere the text stays plain (search in Word still finds it)
    assert keep_units("支出664.91万元。", width, 16, 2) == "支出664.91万元。"


def test_heading_like_body_lines_keep_with_next(tmp_path):
    assert heading_like("（十）本部门使用的支出功能分类科目（到项级）", S.NORMAL)
    assert heading_like("一、加强清廉工会建设", S.NORMAL)
    assert not heading_like("（一）一般公共预算财政拨款收入：指区级财政当年拨付的资金。", S.NORMAL)
    assert not heading_like("1.职工服务中心", S.NORMAL)
    from juesuan.render.document import render_report
    out = tmp_path / "b.docx"
    render_report(load_example(EXAMPLE_DATA / "b_hanyang_2024.json"), out)
    doc = Document(str(out))
    [p] = [p for p in doc.paragraphs if plain(p.text) == "（四）本部门使用的支出功能分类科目（到项级）"]
    assert p._p.find(f"{W}pPr/{W}keepNext") is not None


def test_chart_type_is_readable_beside_the_body_text():
    from juesuan.render.charts import canvas
    assert canvas.FONT_SIZE >= 12 and canvas.VALUE_LABEL_SIZE >= 11
