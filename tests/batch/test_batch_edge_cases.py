"""Issue 16, batch: workbook text and file names reach 汇总.xlsx as text, never as formulas,
and a damaged character in a 部门全称 does not stop the summary."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from robust_helpers import assert_clean, run_cli, set_raw_cells, text_cell

from juesuan.maintenance.examples import report_from_data
from juesuan.workbooks.writer import write_workbook

LINK = '=HYPERLINK("http://example.invalid/x","点击查看")'


def _example(folder: Path, name: str, department: str) -> Path:
    data = json.loads((ROOT / "example_inputs" / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    data["fields"]["G01"] = department
    return write_workbook(folder / name, report_from_data(data))


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    import openpyxl
    folder = tmp_path_factory.mktemp("batch")
    inbox = folder / "收到"
    inbox.mkdir()
    _example(inbox, "链接.xlsx", LINK)
    _example(inbox, "公式.xlsx", "=1+1")
    _example(inbox, "=1+1.xlsx", "某某局")
    plain = _example(folder, "plain.xlsx", "代理项局")
    set_raw_cells(plain, inbox / "坏字.xlsx", {"概况!C3": text_cell("C3", "代理_xD800_项局")})
    out = folder / "报告"
    result = run_cli(["batch", str(inbox), "-o", str(out), "--jobs", "1"])
    text = assert_clean(result, codes=(0, 1))
    return out, openpyxl.load_workbook(out / "汇总.xlsx"), text


def _column(ws, header: str) -> list:
    col = [c.value for c in ws[1]].index(header) + 1
    return [ws.cell(r, col) for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value]


def test_summary_holds_no_formula(batch_run):
    _, wb, _ = batch_run
    formulas = [f"{ws.title}!{c.coordinate}={c.value}" for ws in wb.worksheets for row in ws.iter_rows()
                for c in row if c.data_type == "f"]
    assert formulas == []


def test_department_names_are_text_as_written(batch_run):
    _, wb, _ = batch_run
    cells = {c.value: c for c in _column(wb["汇总"], "部门")}
    assert LINK in cells and cells[LINK].data_type == "s"
    assert "=1+1" in cells and cells["=1+1"].data_type == "s"


def test_output_file_column_is_text(batch_run):
    out, wb, _ = batch_run
    files = {c.value: c for c in _column(wb["汇总"], "文件")}
    assert "=1+1.xlsx" in files and files["=1+1.xlsx"].data_type == "s"
    outputs = [c for c in _column(wb["汇总"], "输出文件") if c.value]
    assert outputs and all(c.data_type == "s" for c in outputs)
    for c in outputs:
        assert (out / Path(c.value).name).exists() or Path(c.value).exists(), c.value


def test_surrogate_in_department_name_does_not_stop_the_summary(batch_run):
    out, wb, text = batch_run
    names = [c.value for c in _column(wb["汇总"], "部门")]
    assert "代理\ufffd项局" in names
    assert "程序内部错误" not in text
    assert not [p for p in out.rglob("*") if p.name.endswith(".part") or p.name.startswith(".")]


@pytest.mark.skipif(os.name == "nt", reason="file names that are not UTF-8 exist on Linux only")
def test_file_name_that_is_not_utf8(tmp_path):
    import openpyxl
    inbox = tmp_path / "in"
    inbox.mkdir()
    good = _example(tmp_path, "good.xlsx", "某某局")
    odd = os.path.join(os.fsencode(inbox), b"\xff\xfe\xe5.xlsx")
    try:
        shutil.copy(good, odd)
    except OSError:
        pytest.skip("the file system refuses non-UTF-8 names")
    out = tmp_path / "out"
    assert_clean(run_cli(["batch", str(inbox), "-o", str(out), "--jobs", "1"]), codes=(0, 1))
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    files = [c.value for c in _column(wb["汇总"], "文件")]
    assert len(files) == 1 and "\ufffd" in files[0] and files[0].endswith(".xlsx")
