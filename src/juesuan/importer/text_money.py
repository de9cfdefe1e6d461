"""Amounts the published text states that the tables do not hold: 一般公共预算财政拨款支出年初预算
(B01), each 项's 年初预算 (项级预算 B02), 机关运行经费 (B04) and its 年初预算 (B03).  Taken only
from the sentence that names them, so that the text can be checked against itself (audit without
a workbook) and next year's 上年数 are the ones the report printed (P12)."""
from __future__ import annotations

import re

from juesuan.importer.items import Line
from juesuan.model.money import AmbiguousNumber, NotANumber, parse_money
from juesuan.model.report import Record
from juesuan.spec.supplement import CODE

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)万元"
_ITEM_RE = re.compile(r"^(?:\d+[.、．])?([^（）()]+?)（类）([^（）()]+?)（款）([^（）()]+?)（项）[。，,：:]?"
                      r"年初预算(?:数)?为" + _NUM + r"，支出决算(?:数)?为" + _NUM + r"(.*)$")
_TOTAL_RE = re.compile(r"一般公共预算财政拨款支出年初预算(?:数)?为" + _NUM)
_ADMIN_RE = re.compile(r"机关运行经费(?:支出)?(?:决算)?(?:为|共计|合计)?" + _NUM)
_ADMIN_BUDGET_RE = re.compile(r"机关运行经费.{0,20}?比年初预算(?:数)?(增加|减少)" + _NUM)
_PAGE_NUMBER_RE = re.compile(r"^[-—–]*\d+[-—–]*$|^第\d+页(共\d+页)?$")
_REASON_RE = re.compile(r"主要原因(?:是|：|:)(.+?)。?$")


def _money(text: str):
    try:
        return parse_money(text)
    except (AmbiguousNumber, NotANumber):
        return None


def _code_of(lei: str, kuan: str, xiang: str, report) -> str | None:
    """The 项 code whose 类/款/项 names are these: from the imported tables, else the 科目 dictionary."""
    for tid in ("T05", "T03", "T02"):
        rows = report.tables[tid].rows
        names = {r.code: r.name for r in rows if r.name}
        for r in rows:
            if len(r.code) == 7 and r.name == xiang and names.get(r.code[:5], kuan) == kuan:
                return r.code
    from juesuan.spec.catalog import lookup
    try:
        hits = [m.entry.code for m in lookup(xiang, report.year, "func")[1]
                if m.entry.name == xiang and len(m.entry.code) == 7 and tuple(m.path[-2:]) == (lei, kuan)]
    except Exception:  # noqa: BLE001 - the dictionary is a help here, never a failure
        return None
    return hits[0] if len(set(hits)) == 1 else None


def fill_text_money(result, lines: list[Line], path) -> None:
    report = result.report
    supp = report.supp
    note = f"导入自“{path.name}”的正文，请核对"
    paragraphs = _paragraphs(lines, result.kind == "docx")
    items = []
    for text in paragraphs:
        if CODE.B01 not in supp.fields and (m := _TOTAL_RE.search(text)):
            value = _money(m.group(1))
            if value is not None:
                supp.fields[CODE.B01] = value
                result.fact_notes[CODE.B01] = note
        if CODE.B04 not in supp.fields and (m := _ADMIN_RE.search(text)):
            value = _money(m.group(1))
            if value is not None:
                supp.fields[CODE.B04] = value
                result.fact_notes[CODE.B04] = note
                b = _ADMIN_BUDGET_RE.search(text)
                change = _money(b.group(2)) if b else None
                if change is not None:  # 年初预算 = 决算 ∓ 增减额, as the sentence states it
                    supp.fields[CODE.B03] = value - change if b.group(1) == "增加" else value + change
                    result.fact_notes[CODE.B03] = note + "（由“比年初预算数增加/减少”算出）"
        m = _ITEM_RE.match(text)
        if m:
            code = _code_of(m.group(1), m.group(2), m.group(3), report)
            budget = _money(m.group(4))
            if code is None or budget is None or any(r["code"] == code for r in items):
                continue
            reason = _REASON_RE.search(m.group(6))
            items.append({"code": code, "name": m.group(3), "budget": budget,
                          "reason": reason.group(1) if reason else None})
    if items:
        supp.lists[CODE.B02] = [Record(r) for r in items]
        result.fact_lists.add(CODE.B02)
        result.fact_notes[CODE.B02] = note


def _paragraphs(lines: list[Line], docx: bool) -> list[str]:
    """Sentences to search: Word paragraphs, or PDF lines joined until a numbered or indented line."""
    texts = [(re.sub(r"\s+", "", l.text), l.x0) for l in lines if l.text.strip()]
    texts = [(t, x) for t, x in texts if not _PAGE_NUMBER_RE.match(t)]  # "— 16 —" between two halves
    if docx:
        return [t for t, _ in texts]
    out: list[str] = []
    left = min((x for _, x in texts if x is not None), default=None)
    for t, x in texts:
        new = re.match(r"^(\d+[.、．](?!\d)|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)", t) or \
            (x is not None and left is not None and x - left > 12)
        if new or not out:
            out.append(t)
        else:
            out[-1] += t
    return out
