"""Faults found by the long fuzz runs and by review, kept as tests."""
from __future__ import annotations

import errno
import json

import openpyxl
from click.testing import CliRunner

from juesuan.fileio.oserrors import describe
from juesuan_cli.main import cli


def test_missing_reasons_sheet_gives_json_not_a_crash(tmp_path, examples):
    """Fuzz seeds 91884/92188: S-8 for 机关运行经费 passed a string as the finding's amount."""
    path = tmp_path / "c.xlsx"
    wb = openpyxl.load_workbook(examples / "c_synthetic_2024.xlsx")
    del wb["主要原因"]
    wb.save(path)
    result = CliRunner().invoke(cli, ["check", "--json", str(path)])
    assert result.exit_code in (0, 1), result.output
    payload = json.loads(result.output)
    rules = {f["rule"] for f in payload["findings"]}
    assert "R-SHEET" in rules and "S-8" in rules
    running = [f for f in payload["findings"] if f["rule"] == "S-8" and "机关运行经费" in f["message"]]
    assert running and "R10" in running[0]["message"]


def test_os_errors_are_told_in_chinese():
    assert describe(PermissionError(errno.EACCES, "Permission denied")).startswith("没有权限")
    assert describe(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert "Permission" not in describe(PermissionError("x"))


def test_workbook_without_the_r10_2_row_is_told_to_add_it(tmp_path, examples):
    """A workbook made before R10-2 existed has no row for it: the hint says to add the row."""
    path = tmp_path / "d.xlsx"
    wb = openpyxl.load_workbook(examples / "d_carryover_2024.xlsx")
    ws = wb["主要原因"]
    [row] = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "R10-2"]
    ws.delete_rows(row)
    wb.save(path)
    payload = json.loads(CliRunner().invoke(cli, ["check", "--json", str(path)]).output)
    [f] = [f for f in payload["findings"] if f["rule"] == "S-8" and "R10-2" in f["message"]]
    assert "35.00" in f["message"] and "32.00" in f["message"]
    assert "“主要原因”表末尾新增一行（编号 R10-2" in json.dumps(f, ensure_ascii=False)
