"""Issue 22 S2 and U6: last year's workbook with values that cannot be read, a blank one, and
another department's.  A figure the tool cannot read is never carried or compared as 0."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from openpyxl import load_workbook
from robust_helpers import assert_clean, run_cli, set_raw_cells

from juesuan.reader.workbook import read_workbook

SOURCE = ROOT / "example_inputs" / "c_synthetic_2024.xlsx"
PRIOR_CODES = ("P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09-1", "P09-2", "P09-3", "P09-4",
               "P09-5", "P10", "P11", "P12")


def _formula(ref: str) -> str:
    return f'<c r="{ref.split("!")[1]}"><f>SUM(X1:X2)</f></c>'


def _broken_prior(tmp_path: Path) -> Path:
    """Last year's workbook with 公开01表 总计 and 表9 合计 as formulas without a result."""
    wb = load_workbook(SOURCE, read_only=True)
    ws = wb["公开01表"]
    total = next(f"公开01表!{c.coordinate}" for row in ws.iter_rows() for c in row[:1]
                 if isinstance(c.value, str) and c.value.replace(" ", "") == "总计")
    total = "公开01表!C" + total.split("!A")[1]
    return set_raw_cells(SOURCE, tmp_path / "2023.xlsx", {total: _formula(total), "公开09表!G8": _formula("公开09表!G8")})


def _prior_values(path: Path) -> dict[str, object]:
    ws = load_workbook(path)["上年数"]
    return {str(ws.cell(r, 1).value): (ws.cell(r, 3).value, ws.cell(r, 3).comment.text if ws.cell(r, 3).comment else "")
            for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value}


def test_init_from_a_workbook_with_unreadable_cells_leaves_those_figures_blank(tmp_path):
    old = _broken_prior(tmp_path)
    new = tmp_path / "2025.xlsx"
    out = assert_clean(run_cli(["init", str(new), "--from", str(old)]), codes=(0,))
    assert "R-FORMULA" in out or "公式" in out  # the source's own problems are shown
    assert "公开01表!C" in out and "公开09表!G8" in out
    values = _prior_values(new)
    for code in ("P01", "P02", "P03", "P09-1", "P09-2", "P09-5"):
        value, comment = values[code]
        assert value is None, (code, value)
        assert "未填写" in comment and "无法读取" in comment
    assert values["P04"][0] not in (None, 0)  # 表4 was read: carried
    report, findings = read_workbook(new)
    assert report.supp.get("P01") is None


def test_init_from_a_blank_workbook_writes_no_zeros(tmp_path):
    from juesuan.workbooks.writer import write_workbook
    blank = write_workbook(tmp_path / "blank.xlsx")
    new = tmp_path / "2025.xlsx"
    assert_clean(run_cli(["init", str(new), "--from", str(blank)]), codes=(0,))
    values = _prior_values(new)
    assert all(values[code][0] is None for code in PRIOR_CODES if code in values), values
    assert "没有金额" in values["P01"][1]


def test_check_prior_does_not_compare_what_the_prior_workbook_cannot_give(tmp_path):
    old = _broken_prior(tmp_path)
    this = tmp_path / "2024.xlsx"
    shutil.copy(SOURCE, this)
    import json
    result = run_cli(["check", "--json", str(this), "--prior", str(old)])
    payload = json.loads(result.output)
    found = [f for f in payload["findings"] + payload.get("prior", {}).get("findings", []) if f["rule"] == "S-16"]
    assert not any("（P01）" in f["message"] or "（P09-1）" in f["message"] for f in found), found
    assert any("自身有 2 个错误" in f["message"] for f in found)
    out = assert_clean(run_cli(["check", str(this), "--prior", str(old)]), codes=(0, 1))
    assert out.startswith("注意：上年工作簿")


def test_check_prior_with_another_departments_workbook_says_so_first(tmp_path):
    other = ROOT / "example_inputs" / "b_hanyang_2024.xlsx"
    this = tmp_path / "2024.xlsx"
    shutil.copy(SOURCE, this)
    out = assert_clean(run_cli(["check", str(this), "--prior", str(other)]), codes=(0, 1))
    first = out.splitlines()[0]
    assert first.startswith("注意：") and "不是同一个部门" in first
    assert out.count("S-16") == 1
