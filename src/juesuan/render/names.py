"""The default report file name and the guard against writing over the input."""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..model import Report
from ..supplement_spec import CODE
from .text import one_line

MAX_STEM = 80  # characters; keeps the full path well inside Windows' 260 limit in most folders
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_stem(text: str) -> str:
    """A file name stem that Windows, macOS and Linux all accept."""
    stem = _FORBIDDEN.sub("", one_line(text))
    stem = re.sub(r"\s+", " ", stem)[:MAX_STEM].rstrip(" .").lstrip(" ")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem


def report_filename(report: Report, fallback: str = "部门决算") -> str:
    """<部门名称><年度>年度<口径>.docx, made safe; <fallback>_报告.docx when the name is unusable."""
    name = safe_stem(report.name).lstrip("_") if report.name else ""
    if not name:
        return f"{safe_stem(f'{fallback}_报告') or '部门决算报告'}.docx"
    caliber = one_line(report.supp.get(CODE.G04)) or "部门决算"
    year = f"{report.year}年度" if report.year else ""
    return f"{safe_stem(name + year + caliber)}.docx"


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
