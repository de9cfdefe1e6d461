"""Helpers for the batch tests: small real workbooks and a fake renderer with misbehaviours.

The fake has the signature of juesuan.api.render_workbook and is passed to run_batch as
``renderer=fake_render``; spawned workers import it by reference from tests/ (pytest puts tests/
on sys.path and the workers inherit the parent's sys.path).  What it does depends on the
workbook's file name:

    *crash*      the worker process dies (os._exit) — a hard crash
    *boom*       an unexpected exception
    *interrupt*  KeyboardInterrupt in the middle of writing the report
    *slow*       writes half a report, leaves <stem>.started next to the workbook, then sleeps
    otherwise    a real .docx named like the real renderer's, through atomic_path
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import EXAMPLE_DATA

BASE = EXAMPLE_DATA / "c_synthetic_2024.json"


def make_workbook(path: Path, name: str, year: int = 2024) -> Path:
    """A workbook that passes the checks (the synthetic example) under another department name."""
    from juesuan.maintenance.examples import load_example
    from juesuan.workbooks.writer import write_workbook
    report = load_example(BASE)
    report.supp.fields["G01"] = name
    report.supp.fields["G03"] = year
    if report.supp.get("G15"):
        report.supp.fields["G15"] = name
    return write_workbook(path, report, overwrite=True)


def fake_render(path, output=None, *, out_dir=None, templates_dir=None, pdf=False):
    from docx import Document

    from juesuan.api import RenderResult, check_workbook
    from juesuan.fileio.atomic import atomic_path

    path = Path(path)
    check = check_workbook(path)
    result = RenderResult(check)
    if not check.ok:
        return result
    stem = path.stem
    if "crash" in stem:
        os._exit(3)
    if "boom" in stem:
        raise RuntimeError("boom")
    target = Path(out_dir) / f"{check.report.name}{check.report.year}年度部门决算.docx"
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"PK\x03\x04 half a report")
        if "interrupt" in stem:
            raise KeyboardInterrupt
        if "slow" in stem:
            (path.parent / f"{stem}.started").write_text("started", encoding="utf-8")
            time.sleep(120)
        doc = Document()
        doc.add_paragraph(f"{check.report.name}{check.report.year}年度部门决算")
        doc.add_paragraph(f"收支总计{check.report.t01.get('inc_grand')}万元")
        doc.save(tmp)
    result.docx = target
    return result
