"""The standard workbook in plain words: settings with plain labels and examples, unambiguous
option lists, 编号 without unexplained gaps, the “部门：” line explained, money cells validated;
and workbooks written by the previous version (internal names as 编号/项目) still read."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from juesuan.maintenance.examples import report_from_data
from juesuan.reader.workbook import read_workbook
from juesuan.spec.supplement import FORMS, SETTINGS
from juesuan.workbooks.writer import GUIDE_SHEET, write_workbook

INTERNAL = ("五三粒度", "十三小节", "空表附数值句", "印表内公式", "五三写占比", "表6科目集")


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = write_workbook(tmp_path_factory.mktemp("plain") / "空白.xlsx")
    return load_workbook(path)


def _rows(ws):
    return [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]


def test_every_setting_has_a_plain_label_and_an_example(blank):
    rows = _rows(blank["设置"])
    assert len(rows) == len(SETTINGS.fields)
    for number, label, value, guide in rows:
        assert re.fullmatch(r"S\d\d", number), number
        assert not any(name in label for name in INTERNAL), label
        assert "例：" in guide, (label, guide)
        assert "可选：" not in guide or " / " in guide or "/" in guide
    texts = " ".join(str(c) for r in rows for c in r if c)
    assert "印表内公式" not in texts  # a setting that did nothing is gone


def test_options_are_separated_unambiguously(blank):
    guide = {r[0]: r[3] for r in _rows(blank["设置"])}
    assert guide["S06"].startswith("可选：收、支总计 / 收、支总计均为；例：")
    ws = blank["设置"]
    errors = [dv.error for dv in ws.data_validations.dataValidation if "收、支总计均为" in dv.formula1]
    assert errors == ["可选：收、支总计 / 收、支总计均为"]


def test_numbers_have_no_unexplained_gaps(blank):
    for spec in FORMS:
        ws = blank[spec.name]
        numbers: dict[str, list[int]] = {}
        for number, label, value, guide in _rows(ws):
            m = re.fullmatch(r"([A-Z]+)(\d+)(?:-\d+)?", number)
            assert m, number
            numbers.setdefault(m.group(1), [])
            if int(m.group(2)) not in numbers[m.group(1)]:
                numbers[m.group(1)].append(int(m.group(2)))
        for prefix, seen in numbers.items():
            assert seen == list(range(1, len(seen) + 1)), (spec.name, prefix, seen)
    gaps = {r[0]: r[2] for s in ("概况", "主要原因", "年初预算", "绩效") for r in _rows(blank[s])}
    assert gaps["G10"] == "（在“职责”表填写，每行一段）"
    assert "二级单位" in gaps["G12"] and "项级预算" in gaps["B02"] and "项级预算" in gaps["R07"]
    assert "项目自评" in gaps["E10"]


def test_guide_explains_the_department_line(blank):
    guide = "\n".join(str(c.value) for c in blank[GUIDE_SHEET]["A"] if c.value)
    assert "“部门：”后是填报单位的全称" in guide and "G15" in guide
    assert blank["公开01表"]["A3"].value.startswith("部门：")


def test_money_cells_of_the_nine_tables_are_validated(blank):
    for name in [f"公开0{i}表" for i in range(1, 10)]:
        ws = blank[name]
        dvs = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
        assert len(dvs) == 1, name
        dv = dvs[0]
        assert dv.showInputMessage and "万元" in dv.prompt and dv.showErrorMessage and "数字" in dv.error
        cells = str(dv.sqref).split()
        assert cells, name
        for ref in cells[:50]:
            assert ws[ref].number_format == "0.00", (name, ref)
    t1 = blank["公开01表"]
    covered = str([dv for dv in t1.data_validations.dataValidation if dv.type == "decimal"][0].sqref).split()
    assert "C7" in covered and "B7" not in covered and "A7" not in covered  # amounts only, not 行次/项目


def _to_previous_version(path):
    """Rewrite 设置 as the previous version wrote it: 编号 and 项目 are the internal names, no example."""
    from juesuan.spec.supplement import FIELDS
    wb = load_workbook(path)
    ws = wb["设置"]
    by_number = {f.number: f for f in SETTINGS.fields}
    for row in range(3, ws.max_row + 1):
        f = by_number.get(ws.cell(row, 1).value)
        if f:
            ws.cell(row, 1).value = f.id
            ws.cell(row, 2).value = f.id
            ws.cell(row, 4).value = f.hint + ("；可选：" + "、".join(f.choices) if f.choices else "")
    ws.cell(ws.max_row + 1, 1).value = "印表内公式"  # the setting the previous version had
    ws.cell(ws.max_row, 2).value = "印表内公式"
    ws.cell(ws.max_row, 3).value = "是"
    assert FIELDS["五三粒度"].number == "S09"
    wb.save(path)


def test_reader_accepts_workbooks_of_the_previous_version(tmp_path, examples):
    import json
    data = json.loads((examples / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    report = report_from_data(data)
    chosen = {"五三粒度": "类级", "十三小节": "三节", "空表附数值句": "是", "收支总计措辞": "收、支总计均为",
              "偏差阈值": Decimal("8.00")}
    report.supp.fields.update(chosen)
    path = write_workbook(tmp_path / "old.xlsx", report)
    new_read, _ = read_workbook(path)
    _to_previous_version(path)
    old_read, problems = read_workbook(path)
    assert not [f for f in problems if f.severity == "错误"]
    for key, value in chosen.items():
        assert str(old_read.settings.text(key)) == str(new_read.settings.text(key)) == str(value)
    assert {k: old_read.settings.text(k) for k in (f.id for f in SETTINGS.fields)} == \
           {k: new_read.settings.text(k) for k in (f.id for f in SETTINGS.fields)}
    # the examples shipped with the previous version read the same way
    shipped, _ = read_workbook(examples / "c_synthetic_2024.xlsx")
    assert shipped.supp.cells["五三粒度"].startswith("设置!C")
