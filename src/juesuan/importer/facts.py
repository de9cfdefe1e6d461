"""What a published report's text states besides the tables: the department and the year (and,
in importer.text_facts, 职责, 机构设置, 项目, 科目说明, 专用名词 where printed)."""
from __future__ import annotations

import re
from pathlib import Path

from juesuan.importer.items import Line, norm
from juesuan.spec.supplement import CODE

_YEAR_RE = re.compile(r"(20\d\d)\s*年度")
_UNIT_RE = re.compile(r"^(?:部门|编制单位|填报单位|单位名称)[:：]\s*(.+?)(?:\s{2,}|\s*单位[:：]|$)")
_COVER_RE = re.compile(r"^(.{2,40}?)\s*(20\d\d)\s*年度?\s*部门决算(?:公开)?$")


def _department(lines: list[Line]) -> tuple[str, str] | None:
    for line in lines:
        m = _UNIT_RE.match(line.text.strip())
        if m and m.group(1).strip() and "万元" not in m.group(1):
            return m.group(1).strip(), line.text.strip()
    for prev, line in zip([None] + lines[:80], lines[:80]):
        flat = re.sub(r"\s+", "", line.text)
        m = _COVER_RE.match(flat)
        if m:
            return m.group(1), line.text.strip()
        # the cover on two lines: "上海市XX局" / "2024年度部门决算"
        if prev is not None and re.fullmatch(r"20\d\d年度?部门决算(?:公开)?", flat):
            name = re.sub(r"\s+", "", prev.text)
            if 2 <= len(name) <= 40 and not re.search(r"[。，:：]", name):
                return name, f"{prev.text.strip()} {line.text.strip()}"
    return None


def _year(result, lines: list[Line]) -> int | None:
    for text in list(result.titles.values()) + [l.text for l in lines[:200]]:
        m = _YEAR_RE.search(text)
        if m:
            return int(m.group(1))
    return None


def fill_facts(result, path: Path) -> None:
    """G01 部门全称 and G03 年度 from the text; each with a note saying where it was read."""
    segs = result.segments
    lines = segs.lines if segs is not None else []
    supp = result.report.supp
    notes = result.fact_notes
    dept = _department(lines)
    if dept is not None:
        supp.fields[CODE.G01] = dept[0]
        notes[CODE.G01] = f"导入自“{path.name}”：“{dept[1]}”"
    year = _year(result, lines)
    if year is not None:
        supp.fields[CODE.G03] = year
        notes[CODE.G03] = f"导入自“{path.name}”的表名（{year}年度）"
    if segs is not None:
        from juesuan.importer.text_facts import fill_text_facts
        from juesuan.importer.text_money import fill_text_money
        fill_text_facts(result, lines, path)
        fill_text_money(result, lines, path)
