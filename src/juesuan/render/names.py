"""The default report file name and the guard against writing over the input."""
from __future__ import annotations

import os
import re
from pathlib import Path

from juesuan.fileio.atomic import cut_to_bytes
from juesuan.model.report import Report
from juesuan.spec.supplement import CODE
from juesuan.render.text import one_line

MAX_STEM = 80  # characters; keeps the full path well inside Windows' 260 limit in most folders
# bytes (UTF-8) of a stem: with ".docx"/".pdf" and the batch's "（99）" the name stays within the
# 255 bytes a Linux file system allows (80 CJK characters alone are 240 bytes)
MAX_STEM_BYTES = 255 - len(".docx") - len("（99）".encode()) - 1
# what Windows forbids in a name; control characters are gone already (one_line: model.textnorm)
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _tidy(text: str) -> str:
    """Forbidden characters out, spaces collapsed; no leading dot (a hidden file on Linux and
    macOS: 部门全称 '../x' must not become '..x'), no trailing dot or space (Windows drops them)."""
    stem = _FORBIDDEN.sub("", one_line(text))
    return re.sub(r"\s+", " ", stem).strip(" .")


def _fit(stem: str, limit: int = MAX_STEM_BYTES) -> str:
    """At most MAX_STEM characters and ``limit`` bytes, cut at the end (predictable: the same
    name always gives the same file name)."""
    return cut_to_bytes(stem[:MAX_STEM], limit).rstrip(" .")


def safe_stem(text: str) -> str:
    """A file name stem that Windows, macOS and Linux all accept."""
    stem = _fit(_tidy(text))
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem


def report_filename(report: Report, fallback: str = "部门决算") -> str:
    """<部门名称><年度>年度<口径>.docx, made safe; <fallback>_报告.docx when the name is unusable.

    A name too long for the file system is cut in the department name, so the year and the
    caliber stay at the end (“…某某局2024年度部门决算”)."""
    name = _tidy(report.name).lstrip("_") if report.name else ""
    if not name:
        return f"{safe_stem(f'{fallback}_报告') or '部门决算报告'}.docx"
    caliber = _tidy(one_line(report.supp.get(CODE.G04)) or "部门决算") or "部门决算"
    year = f"{report.year}年度" if report.year else ""
    tail = _fit(year + caliber, MAX_STEM_BYTES // 2)
    room_chars = MAX_STEM - len(tail)
    room_bytes = MAX_STEM_BYTES - len(tail.encode("utf-8"))
    return f"{safe_stem(cut_to_bytes(name[:room_chars], room_bytes).rstrip(' .') + tail)}.docx"


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
