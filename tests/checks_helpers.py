"""Fault injection for the 审核 tests: change cells of a real .xlsx the way a clerk would.

The clean example workbook is written once with workbook_writer (slow: openpyxl styles every
cell); each test copies it and rewrites only the cells it needs in the sheet XML (a few
milliseconds), then reads it back through the real reader and checks.

    edits = {"公开03表!D13": Decimal("486.36"), "公开02表!B18": "房租补贴", "项级预算!D10": None}
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

from juesuan.xlsx.cells import col_index

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REF = re.compile(r"^([A-Z]+)(\d+)$")


def _col_number(letters: str) -> int:
    return col_index(letters) + 1


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
    out = {}
    for s in wb.iter(f"{{{MAIN}}}sheet"):
        target = targets[s.get(f"{{{REL}}}id")]
        out[s.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
    return out


def _register_namespaces(data: bytes) -> None:
    for _, (prefix, uri) in ET.iterparse(io.BytesIO(data), events=("start-ns",)):
        ET.register_namespace(prefix, uri)


def _set_cell(sheet_data: ET.Element, ref: str, value) -> None:
    letters, row_no = _REF.match(ref).groups()
    row_no = int(row_no)
    rows = sheet_data.findall(f"{{{MAIN}}}row")
    row = next((r for r in rows if int(r.get("r")) == row_no), None)
    if row is None:
        row = ET.Element(f"{{{MAIN}}}row", {"r": str(row_no)})
        index = next((i for i, r in enumerate(rows) if int(r.get("r")) > row_no), len(rows))
        sheet_data.insert(index, row)
    cells = row.findall(f"{{{MAIN}}}c")
    cell = next((c for c in cells if c.get("r") == ref), None)
    if cell is None:
        cell = ET.Element(f"{{{MAIN}}}c", {"r": ref})
        index = next((i for i, c in enumerate(cells)
                      if _col_number(_REF.match(c.get("r")).group(1)) > _col_number(letters)), len(cells))
        row.insert(index, cell)
    for child in list(cell):
        cell.remove(child)
    cell.attrib.pop("t", None)
    if value is None:
        return
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        cell.set("t", "n")
        ET.SubElement(cell, f"{{{MAIN}}}v").text = str(value)
    else:
        cell.set("t", "inlineStr")
        ET.SubElement(ET.SubElement(cell, f"{{{MAIN}}}is"), f"{{{MAIN}}}t").text = str(value)


def patch_xlsx(src: Path, dst: Path, edits: dict[str, object]) -> Path:
    """Copy ``src`` to ``dst`` with the given cells set (None = blank)."""
    by_sheet: dict[str, dict[str, object]] = {}
    for where, value in edits.items():
        sheet, ref = where.split("!")
        by_sheet.setdefault(sheet, {})[ref] = value
    with zipfile.ZipFile(src) as zin:
        parts = _sheet_parts(zin)
        patched = {}
        for sheet, cells in by_sheet.items():
            part = parts[sheet]
            data = zin.read(part)
            _register_namespaces(data)
            root = ET.fromstring(data)
            sheet_data = root.find(f"{{{MAIN}}}sheetData")
            for ref, value in cells.items():
                _set_cell(sheet_data, ref, value)
            patched[part] = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                zout.writestr(item, patched.get(item.filename, zin.read(item.filename)))
    return dst


class Cells:
    """Where the reader found each value of the clean workbook: the addresses faults go to."""

    def __init__(self, report):
        self.r = report

    def t01(self, key: str, col: str = "amount") -> str:
        return self.r.t01.cell(key, col)

    def t04(self, key: str, col: str = "amount") -> str:
        return self.r.t04.cell(key, col)

    def row(self, tid: str, code: str, col: str) -> str:
        return self.r.tables[tid].by_code()[code].cells[col]

    def code(self, tid: str, code: str) -> str:
        return self.r.tables[tid].by_code()[code].code_cell

    def name(self, tid: str, code: str) -> str:
        return self.r.tables[tid].by_code()[code].name_cell

    def total(self, tid: str, col: str) -> str:
        return self.r.tables[tid].total_cells[col]

    def econ(self, code: str) -> str:
        return self.r.t06.cells[code]

    def personnel(self) -> str:
        return self.r.t06.personnel_cell

    def public(self) -> str:
        return self.r.t06.public_cell

    def t09(self, col: str) -> str:
        return self.r.t09.cells[col]

    def field(self, fid: str) -> str:
        return self.r.supp.cells[fid]

    def item(self, list_id: str, index: int, col: str) -> str:
        return self.r.supp.records(list_id)[index].cells[col]

    def title(self, tid: str) -> str:
        return self.r.titles[tid][1]


class Base:
    """A clean example workbook on disk, its model, where its values are and what they are."""

    def __init__(self, path: Path):
        from juesuan.reader.workbook import load_sheets, read_workbook
        self.path = Path(path)
        self.report, self.reader_findings = read_workbook(self.path)
        self.cells = Cells(self.report)
        self._sheets = load_sheets(self.path)

    def value(self, where: str):
        sheet, ref = where.split("!")
        letters, row = _REF.match(ref).groups()
        return self._sheets[sheet].v(int(row) - 1, _col_number(letters) - 1)

    def plus(self, where: str, delta: str) -> dict[str, Decimal]:
        """The cell ``where`` changed by ``delta`` (万元), as an edit."""
        old = self.value(where)
        return {where: Decimal(str(old if old is not None else 0)).quantize(Decimal("0.01")) + Decimal(delta)}

    def inject(self, tmp_path: Path, edits: dict[str, object], name: str = "fault.xlsx"):
        """Write a copy with ``edits`` applied and check it; returns the api.CheckResult."""
        from juesuan.api import check_workbook
        return check_workbook(patch_xlsx(self.path, Path(tmp_path) / name, edits))
