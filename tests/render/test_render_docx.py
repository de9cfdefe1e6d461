"""The Word report of the example workbooks (b) and (c), read back with python-docx.

Structure (cover, 目录, 第一…第六部分), every 公开表 cell against the workbook, the four charts, no template
tags left, East Asian fonts on the styles used, landscape sections for 表6 and 三公, the 目录
field, the empty-table sentences, the attachments.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from render_helpers import (RENDERABLE, all_text, body_items, east_asia_font, expected_texts, headings,
                            render_example, table_texts)

from juesuan.spec.layouts import BY_ID, CodedLayout, cn_number, table_title
from juesuan.model.money import fmt_table
from juesuan.render.docx.readback import plain
from juesuan.reader.workbook import read_workbook
from juesuan.render.public_tables import grid_of, is_empty, subject, table_order, title_of

CN_FONTS = {"仿宋", "黑体", "楷体", "宋体", "方正小标宋简体"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = {}
    for name in RENDERABLE:
        result = render_example(name, tmp_path_factory.mktemp(name))
        out[name] = (result, Document(str(result.docx)), result.check.report)
    return out


@pytest.fixture(params=RENDERABLE)
def case(request, rendered):
    return rendered[request.param]


def test_default_name_next_to_workbook(case):
    result, _, report = case
    assert result.docx.parent == result.check.path.parent
    assert result.docx.name == f"{report.name}2024年度部门决算.docx"
    assert result.ok and result.problems == []


def test_part_headings_in_order(case):
    _, doc, report = case
    level1 = [t for lvl, t in headings(doc) if lvl == 1]
    name = report.name
    part4 = "第四部分 其他需要说明的情况" if report.supp.get("W01") != "重点工作完成情况" else "第四部分 2024年重点工作完成情况"
    assert level1 == [f"第一部分 {name}概况", f"第二部分 {name}2024年度部门决算表",
                      f"第三部分 {name}2024年度部门决算情况说明", part4, "第五部分 名词解释", "第六部分 附件"]


def _under(doc, part_prefix: str) -> list[str]:
    out, inside = [], False
    for lvl, text in headings(doc):
        if lvl == 1:
            inside = text.startswith(part_prefix)
        elif lvl == 2 and inside:
            out.append(text)
    return out


def test_part1_and_part2_headings(case):
    _, doc, report = case
    assert _under(doc, "第一部分")[:2] == ["一、部门主要职责", "二、机构设置情况"]
    expected = [f"{cn_number(i)}、{title_of(BY_ID[tid], report)}" for i, tid in enumerate(table_order(report), 1)]
    assert _under(doc, "第二部分") == expected
    assert expected[0] == "一、收入支出决算总表" and expected[-1] == "九、财政拨款“三公”经费支出决算表"


def test_part3_sections_numbered_in_order(case):
    _, doc, _ = case
    sections = _under(doc, "第三部分")
    assert sections[0] == "一、收入支出决算总体情况说明"
    assert [s.split("、")[0] for s in sections] == [cn_number(i) for i in range(1, len(sections) + 1)]
    assert len(sections) >= 13
    assert "十三、预算绩效情况说明" in sections
    level3 = [t for lvl, t in headings(doc) if lvl == 3]
    assert "（一）一般公共预算财政拨款支出决算总体情况" in level3


def test_nine_public_tables_equal_the_workbook(case):
    result, doc, report = case
    tables = [t for kind, t, _ in body_items(doc) if kind == "tbl"]
    thousands = report.settings.thousands
    def flat(rows):  # labels are set on several lines where they wrap (render.table_fit)
        return [[cell.replace("\n", "") for cell in row] for row in rows]
    for i, tid in enumerate(table_order(report)):
        assert flat(table_texts(tables[i])) == flat(expected_texts(grid_of(report, tid), thousands)), tid
    # Independently of the grid: every amount of the coded tables as the workbook has it.
    fresh, _ = read_workbook(result.check.path)
    for i, tid in enumerate(table_order(report)):
        layout = BY_ID[tid]
        if not isinstance(layout, CodedLayout):
            continue
        rows = {r[0]: r for r in table_texts(tables[i])}
        for row in fresh.tables[tid].rows:
            printed = rows[row.code]
            assert printed[2:] == [fmt_table(row.values.get(c.key)) for c in layout.columns], (tid, row.code)
        total = next(r for r in table_texts(tables[i]) if r[0] == "合计")
        assert total[2:] == [fmt_table(fresh.tables[tid].total.get(c.key)) for c in layout.columns]


def test_fixed_tables_totals_and_hangci(case):
    _, doc, report = case
    tables = [t for kind, t, _ in body_items(doc) if kind == "tbl"]
    t01 = table_texts(tables[0])
    grand = t01[-1]
    assert grand[0] == "总计" and grand[1] == "30" and grand[2] == fmt_table(report.t01.get("inc_grand"))
    assert grand[3] == "总计" and grand[4] == "60" and grand[5] == fmt_table(report.t01.get("exp_grand"))
    assert t01[2][:3] == ["栏次", "", "1"]  # the 栏次 row
    # Amounts right-aligned, blank (not 0.00) for zero.
    assert "0.00" not in {c for row in t01 for c in row}
    amount_p = tables[0].rows[3].cells[2].paragraphs[0]
    assert amount_p.alignment is not None and amount_p.alignment.name == "RIGHT"


def test_header_rows_repeat(case):
    _, doc, _ = case
    t01 = [t for kind, t, _ in body_items(doc) if kind == "tbl"][0]
    flags = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in t01._tbl.tr_lst]
    assert flags[:3] == [True, True, True] and not any(flags[3:])


def test_table_frame_title_number_unit_note(case):
    _, doc, report = case
    texts = [plain(p.text) for p in doc.paragraphs]
    for tid in table_order(report):
        layout = BY_ID[tid]
        assert table_title(layout, 2024) in texts
        assert layout.sheet_name in texts
        assert layout.note in texts
    unit = next(t for t in texts if t.startswith("部门："))
    assert unit.endswith("单位：万元")


def test_empty_tables_keep_header_and_say_so(case):
    _, doc, report = case
    items = list(body_items(doc))
    for tid in ("T07", "T08", "T09"):
        layout = BY_ID[tid]
        i = next(k for k, (kind, p, _) in enumerate(items) if kind == "p" and p.text == layout.note)
        sentence = layout.empty_sentence.format(主体自称=subject(report))
        follows = items[i + 1][1].text if items[i + 1][0] == "p" else ""
        assert (follows == sentence) == is_empty(report, tid), tid
        table = items[i - 1][1]
        assert items[i - 1][0] == "tbl" and len(table.rows) >= 3  # header, 栏次, 合计 / data row


def test_landscape_sections_for_t06_and_t09(case):
    _, doc, report = case
    tables = [(t, s) for kind, t, s in body_items(doc) if kind == "tbl"]
    order = table_order(report)
    for i, tid in enumerate(order):
        section = doc.sections[tables[i][1]]
        # an empty 三公 table sits on a portrait page with its sentence
        landscape = tid == "T06" or (tid == "T09" and not is_empty(report, "T09"))
        assert (section.orientation == WD_ORIENT.LANDSCAPE) == landscape, tid
        assert (section.page_width > section.page_height) == landscape, tid
    # Back to portrait after the last landscape table; A4 throughout.
    after = [s for kind, p, s in body_items(doc) if kind == "p" and p.text.startswith("第三部分")][0]
    assert doc.sections[after].orientation == WD_ORIENT.PORTRAIT
    for s in doc.sections:
        assert {round(s.page_width.cm, 1), round(s.page_height.cm, 1)} == {21.0, 29.7}


def test_four_charts_with_captions(case):
    _, doc, report = case
    from juesuan.figures import chart_specs
    from juesuan.figures import compute
    from juesuan.templating.template_set import Templates
    specs = chart_specs(report, compute(report), Templates().charts)
    assert len(doc.inline_shapes) == len(specs)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    # numbered in the order shown: a chart that is not drawn leaves no gap
    assert captions == [re.sub(r"^图\d+", f"图{i}", s.caption) for i, s in enumerate(specs, 1)]
    items = [(kind, p) for kind, p, _ in body_items(doc)]
    for k, (kind, p) in enumerate(items):
        if kind == "p" and p.style.name == "Caption":
            prev = items[k - 1][1]
            assert prev._p.xpath(".//pic:pic"), p.text  # the picture is right above its caption


def test_c_has_all_four_charts(rendered):
    _, doc, _ = rendered["c_synthetic_2024"]
    assert len(doc.inline_shapes) == 4
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert [c.split("：")[0] for c in captions] == ["图1", "图2", "图3", "图4"]


def test_no_template_tags_left(case):
    result, doc, _ = case
    text = all_text(doc)
    for tag in ("{{", "}}", "{%", "%}", "{#"):
        assert tag not in text
    assert "{{" not in (doc.core_properties.title or "")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


def test_east_asian_font_on_every_style_used(case):
    _, doc, _ = case
    used = set()
    for kind, item, _ in body_items(doc):
        if kind == "p":
            used.add(item.style.name)
        else:
            for row in item.rows:
                for cell in row.cells:
                    used.update(p.style.name for p in cell.paragraphs)
    used.update(p.style.name for s in doc.sections if not s.footer.is_linked_to_previous
                for p in s.footer.paragraphs)
    assert {"Normal", "Heading 1", "Heading 2", "Heading 3", "表格文字", "toc 1", "toc 2", "Caption"} <= used
    for name in used:
        assert east_asia_font(doc.styles[name]) in CN_FONTS, name
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) in CN_FONTS
    assert east_asia_font(doc.styles["Normal"]) == "仿宋"
    assert east_asia_font(doc.styles["表格文字"]) == "宋体"
    assert east_asia_font(doc.styles["Heading 1"]) == "黑体"


def test_toc_field_lists_the_headings(case):
    _, doc, _ = case
    instr = " ".join(e.text for e in doc.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-2" \\h \\z \\u' in instr
    # No updateFields: Word would ask on opening whether to update the fields.
    assert doc.settings.element.find(qn("w:updateFields")) is None
    entries = [plain(p.text).split("\t")[0] for p in doc.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert entries == [t for lvl, t in headings(doc) if lvl <= 2]
    # Every entry links to a bookmark on its heading.
    names = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    anchors = [h.get(qn("w:anchor")) for h in doc.element.body.iter(qn("w:hyperlink"))]
    assert anchors and set(anchors) <= names


def test_page_numbers_in_footer_from_the_body(case):
    _, doc, _ = case
    body = doc.sections[1]
    assert doc.sections[0]._sectPr.find(qn("w:footerReference")) is None  # cover and 目录: no number
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    instr = "".join(e.text for e in body.footer._element.iter(qn("w:instrText")))
    assert "PAGE" in instr


def test_cover(rendered):
    _, doc, report = rendered["c_synthetic_2024"]
    first = [p.text for p in doc.paragraphs[:6] if p.text]
    assert first[:3] == ["某市文化体育局", "2024年度部门决算", "2025年9月15日"]
    _, doc_b, _ = rendered["b_hanyang_2024"]
    assert [p.text for p in doc_b.paragraphs[:3] if p.text][:2] == ["武汉市汉阳区总工会", "2024年度部门决算"]


def test_part1_units_sentence(rendered):
    _, doc, report = rendered["b_hanyang_2024"]
    text = all_text(doc)
    units = int(report.supp.get("G11") or 0)
    assert f"从单位构成看，{report.name}部门决算由实行独立核算的{report.name}本级决算和{units}个下属单位决算组成。" in text
    for i, rec in enumerate(report.supp.records("G12"), start=1):
        assert f"{i}.{rec.get('name')}" in text


def test_part5_terms_standard_and_brief(rendered):
    from juesuan.spec.catalog import catalog
    _, doc_c, report_c = rendered["c_synthetic_2024"]  # standard 18 entries, 市级
    text = all_text(doc_c)
    assert "（一）一般公共预算财政拨款收入：指市级财政一般公共预算当年拨付的资金。" in text
    assert "是指市直部门用财政拨款安排的" in text and "省直" not in text
    assert "（十八）其他专用名词：" in text
    k = catalog(2024)
    leaves = sorted({r.code for r in report_c.t05.rows if len(r.code) == 7 and r.get("total") != 0})
    for code in leaves:
        line = f"{k.func_name(code[:3])}（类）{k.func_name(code[:5])}（款）{k.func_name(code)}（项）"
        assert line in text, code
    for rec in report_c.supp.records("M01"):
        assert rec.get("term") in text
    _, doc_b, report_b = rendered["b_hanyang_2024"]  # 精简
    text_b = all_text(doc_b)
    assert "（四）本部门使用的支出功能分类科目（到项级）" in text_b
    assert "（八）机关运行经费：" in text_b and "（十一）" not in text_b
    assert "区级财政" in text_b and "区直部门" in text_b
    assert f"公开电话：{report_b.supp.get('G14')}" in text_b


def test_part6_attachments_agree_with_t05(case):
    _, doc, report = case
    tables = [t for kind, t, _ in body_items(doc) if kind == "tbl"]
    projects = [r for r in report.supp.records("E10") if r.get("name")]
    forms = [t for t in tables if table_texts(t)[0][0] == "单位名称"]
    assert len(forms) == 1 + len(projects)
    overall = table_texts(forms[0])
    flat = [c for row in overall for c in row]
    assert fmt_table(report.t05.total_of("basic")) in flat
    assert fmt_table(report.t05.total_of("project")) in flat
    assert fmt_table(report.t05.total_of("total")) in flat
    assert fmt_table(Decimal(str(report.supp.get("B01")))) in flat
    level2 = _under(doc, "第六部分")
    assert level2[0] == f"一、2024年度{report.name}整体绩效自评表"
    assert level2[1:] == [f"{cn_number(i + 2)}、2024年度{p.get('name')}项目绩效自评表" for i, p in enumerate(projects)]
    remarks = next(row for row in overall if row[0] == "备注")
    assert remarks[1].startswith("1.预算执行情况口径：")
