"""The default report file name and the guard against writing over the input."""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..model import Report
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
    caliber = one_line(report.supp.get("G04")) or "部门决算"
    year = report.year
    stem = safe_stem(f"{report.name}{year}年度{caliber}" if year else f"{report.name}{caliber}")
    if not safe_stem(report.name):
        stem = safe_stem(f"{fallback}_报告") or "部门决算报告"
    return f"{stem}.docx"


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
