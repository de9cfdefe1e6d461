"""The default report file name and the guard against writing over the input."""
from __future__ import annotations

import os
import re
from pathlib import Path

from juesuan.fileio.atomic import cut_to_bytes
from juesuan.fileio.winnames import reserved
from juesuan.model.report import Report
from juesuan.spec.supplement import CODE
from juesuan.render.text import one_line

MAX_STEM = 80  # characters; keeps the full path well inside Windows' 260 limit in most folders
# bytes (UTF-8) of a stem: with ".docx"/".pdf" and the batch's "（99）" the name stays within the
# 255 bytes a Linux file system allows (80 CJK characters alone are 240 bytes)
MAX_STEM_BYTES = 255 - len(".docx") - len("（99）".encode()) - len("（草稿）".encode()) - 1
# what Windows forbids in a name; control characters are gone already (one_line: model.textnorm)
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')


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
    if reserved(stem):
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


# -- this tool's own outputs ---------------------------------------------------------------
# A report this tool wrote carries its kind in the .docx core properties (category) and the
# workbook it was written from (identifier); lastModifiedBy stays MARK_AUTHOR until someone saves
# the file in Word or WPS (which write their user's name there).  Only such a file is replaced by
# a new report of the same kind: a hand-edited report, a file of another program, or a clean
# final report (when writing a draft) never is.
FINAL, DRAFT = "final", "draft"
MARK_AUTHOR = "juesuan"
_CATEGORY = {FINAL: "juesuan 部门决算公开报告", DRAFT: "juesuan 部门决算公开报告（审核未通过草稿）"}
DRAFT_SUFFIX = "（草稿）"


def mark_output(doc, kind: str, source: str | Path | None = None) -> None:
    """Set the marks of ``kind`` on a python-docx Document about to be saved."""
    props = doc.core_properties
    props.category = _CATEGORY[kind]
    props.last_modified_by = MARK_AUTHOR
    props.keywords = f"juesuan-{kind}"  # LibreOffice copies it into the PDF's Keywords
    if source is not None:
        from juesuan.model.textnorm import safe_text
        props.identifier = safe_text(Path(source).name)[:255]  # a name that is not UTF-8 (Linux) has surrogates


def output_kind(path: Path) -> tuple[str | None, str | None]:
    """(FINAL/DRAFT/None, source workbook name) of an existing .docx: None when it is not this
    tool's unchanged output (another program's file, a damaged one, or saved since in Word)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 1_000_000:
                return None, None
            core = zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError, NotImplementedError):
        return None, None
    import html

    def prop(tag: str) -> str | None:
        m = re.search(rf"<(?:\w+:)?{tag}\b[^>]*>(.*?)</(?:\w+:)?{tag}>", core, re.S)
        return html.unescape(m.group(1)).strip() if m else None
    if prop("lastModifiedBy") != MARK_AUTHOR:
        return None, prop("identifier")
    kind = next((k for k, v in _CATEGORY.items() if prop("category") == v), None)
    return kind, prop("identifier")


def pdf_is_ours(path: Path) -> bool:
    """A PDF LibreOffice made from one of this tool's reports (its Keywords carry the mark)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(4_000_000)
    except OSError:
        return False
    for mark in ("juesuan-final", "juesuan-draft"):
        wide = mark.encode("utf-16-be")
        # LibreOffice writes /Keywords<FEFF006A…> (UTF-16 in hex); others write (juesuan-final)
        if mark.encode() in data or wide in data or wide.hex().upper().encode() in data or wide.hex().encode() in data:
            return True
    return False


def draft_name(path: Path) -> Path:
    """X.docx → X（草稿）.docx: a draft never takes the name of the final report."""
    return path if path.stem.endswith(DRAFT_SUFFIX) else path.with_name(f"{path.stem}{DRAFT_SUFFIX}{path.suffix}")
