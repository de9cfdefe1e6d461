"""The heavy libraries are imported only by the commands that use them.

``make-report --help`` must not pay for openpyxl, python-docx, docxtpl, matplotlib or jinja2,
and ``check`` reads workbooks without openpyxl (xlsx_cells), so it must not pay for openpyxl,
numpy, PIL or the Word/chart stack either.  Measured in a fresh interpreter: what a command
leaves in sys.modules (the timings themselves are in bench/perf.py).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

LAUNCH = f"""
import json, sys
sys.path[:0] = [{str(ROOT / 'src')!r}, {str(ROOT / 'cli')!r}]
from juesuan_cli.main import cli
try:
    cli.main(args=sys.argv[1:], prog_name="make-report", standalone_mode=True)
except SystemExit:
    pass
sys.stdout.flush()
print("\\n@@" + json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})), file=sys.stderr)
"""

HEAVY = {"openpyxl", "docx", "docxtpl", "matplotlib", "jinja2", "numpy", "PIL", "lxml", "fontTools"}


def _imported(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", LAUNCH, *args], capture_output=True, text=True, timeout=120, check=False)
    line = proc.stderr.rsplit("@@", 1)[-1]
    return set(json.loads(line))


def test_help_imports_nothing_heavy():
    assert _imported("--help") & HEAVY == set()


def test_subcommand_help_imports_nothing_heavy():
    assert _imported("check", "--help") & HEAVY == set()
    assert _imported("render", "--help") & HEAVY == set()


def test_check_reads_without_openpyxl(examples, tmp_path):
    path = examples / "c_synthetic_2024.xlsx"
    if not path.exists():
        from juesuan.workbooks.writer import write_workbook
        path = write_workbook(tmp_path / "blank.xlsx")
    loaded = _imported("check", str(path)) & HEAVY
    assert loaded <= {"jinja2"}, loaded  # the check messages may use the template environment


@pytest.mark.parametrize("module", ["juesuan.api", "juesuan.reader.workbook", "juesuan.checks", "juesuan.render.charts.draw"])
def test_importing_a_module_is_cheap(module):
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); import {module}; "
            "import json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False).stdout
    assert not (set(json.loads(out)) & HEAVY), out
