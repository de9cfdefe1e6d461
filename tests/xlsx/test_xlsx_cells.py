"""xlsx_cells reads what Excel and WPS write (shared strings, styles, prefixes), not only what
openpyxl writes, and agrees with openpyxl's cached values on real workbooks."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from robust_helpers import Member, write_zip

from juesuan.xlsx.cells import read_values

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _workbook(tmp_path: Path, sheets: dict[str, str], *, shared: list[str] | str = (), styles: str = "",
              date1904: bool = False, prefix: str = "") -> Path:
    """A workbook as Excel writes it: shared strings, a styles part, relationships."""
    p = f"{prefix}:" if prefix else ""
    ns = NS.replace("xmlns=", f"xmlns:{prefix}=") if prefix else NS
    pr = f'<{p}workbookPr date1904="1"/>' if date1904 else ""
    sheet_xml = "".join(f'<{p}sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, len(sheets) + 1))
    rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    rels += f'<Relationship Id="rIdT" Type="{REL}/styles" Target="/xl/styles.xml"/>'
    if isinstance(shared, str):
        sst = shared
    else:
        sst = f"<sst {NS}>" + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>"
    members = [
        Member("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><{p}workbook {ns} {R_NS}>{pr}'
                                  f"<{p}sheets>{sheet_xml}</{p}sheets></{p}workbook>".encode()),
        Member("xl/_rels/workbook.xml.rels",
               f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
               "</Relationships>".encode()),
        Member("xl/sharedStrings.xml", sst.encode()),
        Member("xl/styles.xml", (styles or f"<styleSheet {NS}><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs>"
                                 "</styleSheet>").encode()),
    ]
    for i, body in enumerate(sheets.values(), 1):
        members.append(Member(f"xl/worksheets/sheet{i}.xml",
                              f"<{p}worksheet {ns}><{p}sheetData>{body}</{p}sheetData></{p}worksheet>".encode()))
    return write_zip(tmp_path / "w.xlsx", members)


def _read(path: Path, **kw):
    with zipfile.ZipFile(path) as zf:
        return {sv.name: sv for sv in read_values(zf, **kw)}


def test_shared_strings_rich_text_and_phonetic_runs(tmp_path):
    sst = (f"<sst {NS}><si><t>项目</t></si>"
           "<si><r><rPr><b/></rPr><t>一般公共</t></r><r><t xml:space=\"preserve\">服务支出 </t></r></si>"
           "<si><t>行政</t><rPh sb=\"0\" eb=\"2\"><t>ぎょうせい</t></rPh></si></sst>")
    path = _workbook(tmp_path, {"S": '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                                     '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>99</v></c></row>'}, shared=sst)
    assert _read(path)["S"].rows == [["项目", "一般公共服务支出 ", "行政"]]


def test_numbers_booleans_errors_and_formula_strings(tmp_path):
    body = ('<row r="2"><c r="A2"><v>120.5</v></c><c r="B2"><v>30</v></c><c r="C2" t="b"><v>1</v></c>'
            '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E2" t="str"><f>A2&amp;"x"</f><v>120.5x</v></c>'
            '<c r="F2" t="n"><v>1E+30</v></c><c r="G2" t="inlineStr"><is><t>内联</t></is></c>'
            '<c r="H2" t="d"><v>2024-03-01T00:00:00</v></c></row>')
    rows = _read(_workbook(tmp_path, {"S": body}))["S"].rows
    assert rows[0] == []
    assert rows[1] == [120.5, 30, True, "#DIV/0!", "120.5x", 1e30, "内联", dt.datetime(2024, 3, 1)]


def test_dates_by_style(tmp_path):
    styles = (f'<styleSheet {NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
              '<numFmt numFmtId="165" formatCode="[Red]#,##0.00"/></numFmts>'
              '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
              '<xf numFmtId="31"/></cellXfs></styleSheet>')
    body = ('<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292.5</v></c>'
            '<c r="C1" s="3"><v>45292</v></c><c r="D1" s="4"><v>45292</v></c><c r="E1" s="1"><v>0.25</v></c>'
            '<c r="F1" s="1"><v>-3</v></c></row>')
    rows = _read(_workbook(tmp_path, {"S": body}, styles=styles))["S"].rows
    assert rows[0] == [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1, 12), 45292, dt.datetime(2024, 1, 1),
                       dt.time(6), -3]


def test_1904_date_system(tmp_path):
    styles = f'<styleSheet {NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    path = _workbook(tmp_path, {"S": '<row r="1"><c r="A1" s="1"><v>43830</v></c></row>'}, styles=styles, date1904=True)
    assert _read(path)["S"].rows == [[dt.datetime(2024, 1, 1)]]


def test_cells_and_rows_without_references(tmp_path):
    """Some generators omit r= on rows and cells: positions follow document order."""
    body = "<row><c><v>1</v></c><c><v>2</v></c></row><row><c/><c><v>3</v></c></row>"
    assert _read(_workbook(tmp_path, {"S": body}))["S"].rows == [[1, 2], [None, 3]]


def test_prefixed_namespace(tmp_path):
    body = '<x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row>'
    assert _read(_workbook(tmp_path, {"S": body}, prefix="x"))["S"].rows == [[None, "前缀"]]


def test_formulas_without_cached_values_are_listed(tmp_path):
    body = ('<row r="3"><c r="C3"><f>SUM(C1:C2)</f></c><c r="D3"><f>SUM(D1:D2)</f><v>7</v></c>'
            '<c r="E3"><f t="shared" si="0"/></c></row>')
    sv = _read(_workbook(tmp_path, {"S": body}))["S"]
    assert sv.rows[2] == [None, None, None, 7]
    assert sv.formulas_without_value == {"C3": "=SUM(C1:C2)", "E3": "（共享公式）"}


def test_rows_and_columns_beyond_the_limits_are_not_kept(tmp_path):
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="ZZ{r}"><v>0</v></c></row>' for r in range(1, 30))
    sv = _read(_workbook(tmp_path, {"S": body}), max_rows=10, max_cols=60)["S"]
    assert sv.truncated and len(sv.rows) == 10 and sv.rows[9] == [10]


def test_sheets_keep_workbook_order(tmp_path):
    path = _workbook(tmp_path, {"A": '<row r="1"><c r="A1"><v>1</v></c></row>', "B": ""})
    assert list(_read(path)) == ["A", "B"]


@pytest.mark.parametrize("name", ["a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024"])
def test_agrees_with_openpyxl_on_the_examples(examples, name):
    path = examples / f"{name}.xlsx"
    if not path.exists():
        pytest.skip("example workbook not built")
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    expected = {}
    for ws in wb.worksheets:
        ws.reset_dimensions()
        expected[ws.title] = {(r, c): v for r, row in enumerate(ws.iter_rows(values_only=True, max_col=60))
                              for c, v in enumerate(row) if v is not None}
    wb.close()
    got = {name: {(r, c): v for r, row in enumerate(sv.rows) for c, v in enumerate(row) if v is not None}
           for name, sv in _read(path).items()}
    assert list(got) == list(expected)
    for sheet, cells in expected.items():
        assert got[sheet] == cells, sheet
