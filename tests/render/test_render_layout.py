"""Office-grade layout in the Word XML: tables whose columns fit their content, header labels
broken only between words, 行次 on one line, no lone last character in a label, balanced
titles, an empty 三公 table on a portrait page, 附件 one level below 第六部分, flush-left
paragraphs for long Latin runs."""
from __future__ import annotations

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from conftest import EXAMPLES
from render_helpers import body_items, headings

from juesuan.reader.workbook import read_workbook
from juesuan.render.docx.readback import plain
from juesuan.render import render_report
from juesuan.render.docx import styles as S
from juesuan.render.docx import table_fit as fit
from juesuan.render.public_tables import grid_of, is_empty
from juesuan.render.docx.tables import column_widths, grid_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def reports():
    return {stem: read_workbook(EXAMPLES / f"{stem}.xlsx")[0]
            for stem in ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024")}


def _cells(xml: str):
    """(kind, width in twips, [paragraph texts]) for every drawn cell, header rows first."""
    from lxml import etree
    tbl = etree.fromstring(xml.encode())
    for tr in tbl.iter(f"{W}tr"):
        header = tr.find(f"{W}trPr/{W}tblHeader") is not None
        for tc in tr.iter(f"{W}tc"):
            width = int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
            paras = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p")]
            yield header, width, paras


@pytest.mark.parametrize("stem", ["a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024"])
@pytest.mark.parametrize("tid", ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09"])
def test_table_cells_fit_and_break_only_between_words(reports, stem, tid):
    from juesuan.render.public_tables import PRESENTATION, table_blocks
    report = reports[stem]
    block = next(b for b in table_blocks(report, tid) if hasattr(b, "grid"))
    size = block.font_pt or 9
    xml = grid_xml(block.grid, S.text_width(block.landscape), block.font_pt)
    widths, fine = column_widths(block.grid, S.text_width(block.landscape), block.font_pt)
    assert sum(widths) == S.text_width(block.landscape)
    assert PRESENTATION  # (the per-table font sizes are part of what is checked)
    for header, width, paras in _cells(xml):
        inner = width / 20 - fit.CELL_PADDING_PT
        text = "".join(paras)
        if header:
            if text == "行次":
                assert paras == ["行次"]  # on one line
            # every line fits its cell, and line ends fall between words of the label
            for line in paras:
                assert fit.text_pt(line, size) <= inner + 0.1, (tid, line, inner)
            bounds = set()
            at = 0
            for w in fit.words(text, fine):
                at += len(w)
                bounds.add(at)
            at = 0
            for line in paras[:-1]:
                at += len(line)
                assert at in bounds, (tid, paras)
        else:
            for line in paras:
                if line and (line.replace(".", "").replace(",", "").replace("-", "").isdigit()):
                    assert len(paras) == 1 and fit.text_pt(line, size) <= inner + 0.1, (tid, line, inner)
            if len(paras) > 1 and all(paras):
                assert len(paras[-1]) >= 2, (tid, paras)  # no lone last character in a label


def test_header_of_portrait_table4_keeps_its_words(reports):
    from juesuan.render.public_tables import table_blocks
    block = next(b for b in table_blocks(reports["c_synthetic_2024"], "T04") if hasattr(b, "grid"))
    xml = grid_xml(block.grid, S.text_width(False), block.font_pt)
    headers = [paras for header, _, paras in _cells(xml) if header and len(paras) > 1]
    joined = ["|".join(p) for p in headers]
    assert any(j.startswith("一般公共") and "预算" in j for j in joined), joined
    assert not any("一般公|" in j or "共预算|" in j or "财政拨|" in j for j in joined), joined
    widths, _ = column_widths(block.grid, S.text_width(False), block.font_pt)
    hangci = [w for w, k in zip(widths, block.grid.col_kinds) if k == "hangci"]
    labels = [w for w, k in zip(widths, block.grid.col_kinds) if k == "text"]
    assert min(labels) > 2 * max(hangci)  # the label columns get the room, not 行次


def test_words_wrap_orphans_and_balanced_titles():
    assert fit.words("一般公共预算财政拨款") == ["一般公共预算", "财政拨款"]
    assert fit.words("因公出国（境）费") == ["因公出国（境）费"]
    assert fit.words("国有资本经营预算财政拨款", fine=True) == ["国有资本", "经营预算", "财政拨款"]
    assert fit.wrap("一般公共预算财政拨款", 6 * 9, 9) == ["一般公共预算", "财政拨款"]
    assert fit.no_orphan(["文化旅游体育与传媒支", "出"], dictionary=False) == ["文化旅游体育与传媒", "支出"]
    long_title = "第三部分 武汉经济技术开发区总工会2024年度单位决算情况说明"
    lines = fit.balanced(long_title, 433, 18)
    assert lines == ["第三部分 武汉经济技术开发区总工会", "2024年度单位决算情况说明"]
    assert fit.balanced("第三部分 某市文化体育局2024年度部门决算情况说明", 433, 18) == \
        ["第三部分 某市文化体育局2024年度部门决算情况说明"]
    two = fit.balanced("五、2024年度代扣行政事业单位工会经费项目绩效自评表", 400, 16)
    assert len(two) == 2 and min(len(x) for x in two) >= fit.MIN_TITLE_LINE


def test_long_heading_is_broken_in_a_balanced_way(tmp_path, reports):
    out = tmp_path / "a.docx"
    render_report(reports["a_jingkai_2024"], out)
    doc = Document(str(out))
    part3 = next(p for p in doc.paragraphs if p.style.name == "Heading 1" and plain(p.text).startswith("第三部分"))
    # issue 21: no manual break (LibreOffice made it a gap in the 目录); the lines are joined inside and
    # meet at the one break opportunity, so the title wraps there by itself
    assert part3.text.replace("\u2060", "").split("\u200b") == ["第三部分 武汉经济技术开发区总工会", "2024年度单位决算情况说明"]
    assert part3._p.find(f".//{W}br") is None
    # 附件 entries are one level below 第六部分
    heads = headings(doc)
    start = heads.index((1, "第六部分 附件"))
    assert heads[start + 1:] and all(level == 2 for level, _ in heads[start + 1:])


def test_empty_sangong_table_sits_on_a_portrait_page(tmp_path, reports):
    report = reports["a_jingkai_2024"]
    assert is_empty(report, "T09")
    out = tmp_path / "a.docx"
    render_report(report, out)
    doc = Document(str(out))
    sections = doc.sections
    titles = {}
    for kind, item, sec in body_items(doc):
        if kind == "p" and item.text.endswith("“三公”经费支出决算表") and item.style.name == "表格标题":
            titles["T09"] = sec
        if kind == "p" and item.text.endswith("一般公共预算财政拨款基本支出决算明细表") and item.style.name == "表格标题":
            titles["T06"] = sec
    assert sections[titles["T06"]].orientation == WD_ORIENT.LANDSCAPE  # a table with rows
    assert sections[titles["T09"]].orientation == WD_ORIENT.PORTRAIT  # the empty 三公 table
    # no landscape section holds only an empty table: every landscape section has T06
    landscape = {i for i, s in enumerate(sections) if s.orientation == WD_ORIENT.LANDSCAPE}
    assert landscape == {titles["T06"]}


def test_sangong_table_with_amounts_stays_landscape(tmp_path, reports):
    report = reports["c_synthetic_2024"]
    assert not is_empty(report, "T09")
    from juesuan.render.public_tables import table_blocks
    block = next(b for b in table_blocks(report, "T09") if hasattr(b, "grid"))
    assert block.landscape


def test_table_note_keeps_with_the_last_row(reports):
    grid = grid_of(reports["c_synthetic_2024"], "T04")
    xml = grid_xml(grid, S.text_width(False), 8)
    from lxml import etree
    rows = list(etree.fromstring(xml.encode()).iter(f"{W}tr"))
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in rows[-1].iter(f"{W}p"))
    assert all(p.find(f"{W}pPr/{W}keepNext") is None for p in rows[-2].iter(f"{W}p"))


def test_long_latin_runs_are_set_flush_left(tmp_path, reports):
    import copy
    report = copy.deepcopy(reports["c_synthetic_2024"])
    url = "https://www.example.gov.cn/jueshuan/2024/report-attachment-0001.pdf"
    report.supp.fields["G13"] = f"本部门人员构成情况详见决算公开网址{url}，其中在职人员五十名。"  # 第一部分
    out = tmp_path / "c.docx"
    render_report(report, out)
    doc = Document(str(out))
    para = next(p for p in doc.paragraphs if url in p.text)
    assert para._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "left"
    plain = [p for p in doc.paragraphs if p.style.name == "Normal" and len(p.text) > 60 and url not in p.text
             and not any(ch.isdigit() for ch in p.text)]
    assert plain and all(p._p.find(f"{W}pPr/{W}jc") is None for p in plain)  # text alone stays justified
    assert doc.styles["Normal"].element.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "both"


def test_text_forms_keep_their_proportions_with_room_for_their_words():
    from juesuan.model.grid import Grid
    g = Grid(4, col_kinds=["hangci", "text", "text", "text"], widths=[6, 22, 30, 42])
    g.add("header", ["序号", "重要事项", "工作内容及目标", "完成情况"])
    g.header_count = 1
    g.add("body", ["1", "加强党建引领", "全年开展主题党日活动十二次" * 3, "已完成" * 20])
    widths, _ = column_widths(g, S.text_width(False), 10.5)
    assert sum(widths) == S.text_width(False)
    assert widths[1] < widths[2] < widths[3]  # the layout's proportions, not the longest text
    assert widths[0] / 20 >= fit.text_pt("序号", 10.5) + fit.CELL_PADDING_PT  # 序号 on one line


def test_a_number_that_would_stretch_a_justified_line_sets_the_paragraph_flush_left(tmp_path, reports):
    text = ("2024年度财政拨款收入中，一般公共预算财政拨款收入465.38万元，比2023年度决算数减少77.76万元，"
            "下降14.3%，主要原因：一是1名在职人员转退休；二是压缩职工服务中心和综合保障经费项目开支。")
    width = S.text_width(False) / 20
    assert fit.stretches(text, width, 16, 2)  # "14.3%，" cannot end line 2: about 3 em short
    assert not fit.stretches("部门主要职责是贯彻执行党的路线方针政策和决策部署。" * 4, width, 16, 2)
    out = tmp_path / "b.docx"
    render_report(reports["b_hanyang_2024"], out)
    doc = Document(str(out))
    para = next(p for p in doc.paragraphs if plain(p.text) == text)
    assert para._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "left"
    justified = [p for p in doc.paragraphs if p.style.name == "Normal" and len(p.text) > 60
                 and p._p.find(f"{W}pPr/{W}jc") is None]
    assert justified  # the others keep the style's justification
