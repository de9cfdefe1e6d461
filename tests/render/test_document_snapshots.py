"""The whole text of every example report against a stored snapshot (tests/golden/documents/).

Every paragraph, then every table cell, as juesuan.render.docx.readback.document_text reads the .docx
(one per line).  Example (a) is rendered although 审核 finds errors in it (the tables are entered
as published, with their mistakes): the snapshot pins the renderer, not the workbook.

Unlike tests/golden/<x>/*.txt (written by hand from the tables), these files are the program's
own output: they catch any unintended change of wording, numbers or layout text, e.g. in a
refactoring.  After an *intended* change, rewrite them explicitly and review the diff:

    python tests/render/test_document_snapshots.py
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import EXAMPLES as EXAMPLES_DIR, GOLDEN

SNAPSHOTS = GOLDEN / "documents"
EXAMPLES = sorted(p.stem for p in EXAMPLES_DIR.glob("*.xlsx"))


def document_lines(stem: str, folder: Path) -> str:
    from juesuan.reader.workbook import read_workbook
    from juesuan.render import render_report
    from juesuan.render.docx.readback import document_text
    report, _ = read_workbook(EXAMPLES_DIR / f"{stem}.xlsx")
    out = folder / f"{stem}.docx"
    render_report(report, out)
    return "\n".join(document_text(out)) + "\n"


def test_every_example_has_a_snapshot():
    assert EXAMPLES and sorted(p.stem for p in SNAPSHOTS.glob("*.txt")) == EXAMPLES


@pytest.mark.parametrize("stem", EXAMPLES)
def test_document_text_matches_snapshot(stem, tmp_path):
    expected = (SNAPSHOTS / f"{stem}.txt").read_text(encoding="utf-8")
    actual = document_lines(stem, tmp_path)
    if actual != expected:
        diff = "\n".join(list(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "snapshot", "now",
                                                   lineterm="", n=1))[:40])
        pytest.fail(f"示例 {stem} 的报告文字与 tests/golden/documents/{stem}.txt 不同；有意修改时运行 "
                    f"python tests/render/test_document_snapshots.py 重写快照并检查差异：\n{diff}")


if __name__ == "__main__":  # rewrite the snapshots (after an intended change only)
    import tempfile
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in EXAMPLES:
            (SNAPSHOTS / f"{name}.txt").write_text(document_lines(name, Path(tmp)), encoding="utf-8", newline="\n")
            print(f"tests/golden/documents/{name}.txt")
