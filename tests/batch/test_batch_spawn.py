"""Windows starts worker processes with "spawn": a fresh interpreter that imports the worker
function by name and receives its task by pickle.  The same start method on Linux, with the real
renderer and two processes, must give the very documents that the single command writes."""
from __future__ import annotations

import pickle
import shutil
import subprocess
import sys

import docx
from conftest import EXAMPLES, ROOT
from render_helpers import all_text

from juesuan.api import render_workbook
from juesuan.batch.discovery import discover
from juesuan.batch.pool import render_one, run_batch

NAMES = ("b_hanyang_2024.xlsx", "c_synthetic_2024.xlsx")


def test_spawn_two_jobs_gives_the_single_command_documents(tmp_path):
    folder = tmp_path / "工作簿"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(EXAMPLES / name, folder / name)
    out = tmp_path / "报告"
    result = run_batch(discover(folder, out), out, input_dir=folder, jobs=2, start_method="spawn")
    assert len(result.rows) == len(NAMES)
    for row in result.rows:
        assert row["output"], row
        batch_doc = out / row["output"]
        single = render_workbook(folder / row["file"], tmp_path / "single" / f"{row['file']}.docx")
        assert single.docx is not None, single.problems
        assert all_text(docx.Document(batch_doc)) == all_text(docx.Document(single.docx))


def test_the_worker_and_its_task_cross_a_process_boundary():
    """What is sent to a worker pickles (no lambdas, no closures) and the worker is importable."""
    task = {"index": 0, "file": "a.xlsx", "path": str(EXAMPLES / NAMES[0]), "stage": "x", "templates_dir": None,
            "pdf": False, "renderer": None, "draft": False, "annotate": True}
    assert pickle.loads(pickle.dumps(task)) == task
    assert pickle.loads(pickle.dumps(render_one)) is render_one


def test_importing_the_command_line_runs_nothing():
    """Spawned workers import the main module again: importing the CLI must not start a command."""
    code = (f"import sys; sys.path[:0] = [{str(ROOT / 'src')!r}, {str(ROOT / 'cli')!r}]; "
            "sys.argv = ['make-report', 'check', 'nothing.xlsx']; import juesuan_cli.main; print('imported')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == "imported", proc.stderr[-500:]
