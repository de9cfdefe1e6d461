"""Which workbooks a batch renders: every .xlsx under the input folder, in a stable order."""
from __future__ import annotations

import os
from pathlib import Path

SUMMARY_NAME = "汇总.xlsx"
DEFAULT_OUT_SUBDIR = "报告"
ANNOTATED_SUFFIX = ".审核.xlsx"  # check --annotate and batch write these beside the workbooks


def discover(input_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Every .xlsx under ``input_dir`` in a stable order.

    Skipped: Office lock files (``~$*.xlsx``), hidden files and folders (our staging folders,
    macOS ``._*`` companions), annotated copies (``*.审核.xlsx``), and OUT_DIR itself when it lies inside INPUT_DIR so that a
    second run does not pick up the previous summary.
    """
    input_dir = Path(input_dir).resolve()
    out = Path(out_dir).resolve() if out_dir is not None else None
    found: list[Path] = []
    for folder, dirs, files in os.walk(input_dir):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and not (out is not None and out != input_dir and (here / d).resolve() == out)]
        for name in files:
            if not name.lower().endswith(".xlsx") or name.startswith(("~$", ".")):
                continue
            if name.endswith(ANNOTATED_SUFFIX):  # an annotated copy this tool wrote, not a workbook to render
                continue
            p = here / name
            if out is not None and here.resolve() == out and name == SUMMARY_NAME:
                continue
            if p.is_file():
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(input_dir).as_posix())
