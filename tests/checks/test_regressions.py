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
