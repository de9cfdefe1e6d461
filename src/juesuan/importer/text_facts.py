"""职责, 机构设置/二级单位, 项目 names, 专用名词 and 科目说明 as a published report prints them.

Only what the text plainly states is taken; a term or 科目 explanation the tool itself prints
(the standard 名词解释, the 科目 dictionary) is not copied into the workbook, so next year's
report does not print it twice."""
from __future__ import annotations

import re
from pathlib import Path

from juesuan.importer.items import Line, norm
from juesuan.model.report import Record
from juesuan.spec.supplement import CODE

_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
_TOP_RE = re.compile(r"^[一二三四五六七八九十]+、")
_ITEM_RE = re.compile(r"^\s*(\d+)[.、．](?!\d)\s*")  # "1." but not "11.48"
_SPLIT_RE = re.compile(r"(?:(?<=^)|(?<=[。；;]))\s*(?=\d+[.、．](?!\d)|[（(][一二三四五六七八九十]+[)）])")
_CN_ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_TERM_START = re.compile(r"^[^：:，。,；;]{2,30}[：:]")
_FURNITURE_RE = re.compile(r"^[-—–\s]*\d+[-—–\s]*$")
_PROJECT_RE = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:20\d\d年度?)?([^，。,()（）]{2,40}?)项目(?:支出)?绩效自评表$")
_TERM_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+[.、．])?\s*([^：:，。,]{2,30})[：:](.+)$")


def _section(lines: list[Line], heading: re.Pattern) -> list[Line]:
    """The body lines under the heading that matches, up to the next heading of that level."""
    out: list[Line] = []
    inside = False
    for line in lines:
        t = norm(line.text)
        if not inside:
            if heading.search(t) and len(t) < 40 and "…" not in t and not re.search(r"\d+$", t):
                inside, out = True, []
            continue
        if _PART_RE.match(t) or _TOP_RE.match(t):
            if out:
                return out
            inside = False
            continue
        if not _FURNITURE_RE.match(t):
            out.append(line)
    return out


def _items(lines: list[Line], paragraphs: bool, starts: re.Pattern | None = None) -> list[str]:
    """One text per item: a Word paragraph; in a PDF, lines joined until the next numbered
    (1. / （一）) or indented line, or one that matches ``starts``."""
    texts = [(re.sub(r"\s+", "", l.text), l.x0) for l in lines if l.text.strip()]
    if not texts:
        return []
    if paragraphs:
        out = [t for t, _ in texts]
    else:
        left = min((x for _, x in texts if x is not None), default=None)
        out = []
        for t, x in texts:
            indented = x is not None and left is not None and x - left > 12
            # a PDF line that merely begins with "（项）：" continues the item above: only the
            # numbering or the first-line indent starts one
            new = _ITEM_RE.match(t) or _CN_ITEM_RE.match(t) or indented
            if new or not out:
                out.append(t)
            else:
                out[-1] += t
    return [p for t in out for p in _SPLIT_RE.split(t) if p.strip()]


def _standard_terms() -> str:
    from juesuan.spec.paths import templates_dir
    try:
        return "".join(p.read_text("utf-8") for p in Path(templates_dir()).rglob("*.j2"))
    except OSError:
        return ""


def fill_text_facts(result, lines: list[Line], path: Path) -> None:
    report = result.report
    note = f"导入自“{path.name}”的正文，请核对"
    paragraphs = result.kind == "docx"

    def put(lid: str, records: list[dict]) -> None:
        if records:
            report.supp.lists[lid] = [Record(r) for r in records]
            result.fact_lists.add(lid)
            result.fact_notes[lid] = note

    duties = _items(_section(lines, re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:部门)?主要职[责能]")), paragraphs)
    put(CODE.G10, [{"text": t} for t in duties])
    units = []
    for line in _section(lines, re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:机构设置|部门决算单位构成)")):
        m = _ITEM_RE.match(line.text.strip())
        name = re.sub(r"\s+", "", line.text.strip()[m.end():]) if m else ""
        if m and 2 <= len(name) <= 50 and "。" not in name:
            units.append({"name": name})
    put(CODE.G12, units)
    names: list[str] = []
    for line in lines:
        text = re.sub(r"[.…·]{2,}\d*$|\t\d+$", "", norm(line.text))  # a 目录 line: leader and page number
        m = _PROJECT_RE.match(text)
        if not m:
            continue
        name = m.group(1)
        # a title wrapped over two lines gives the tail of a name the 目录 printed whole
        same = next((i for i, n in enumerate(names) if n.endswith(name) or name.endswith(n)), None)
        if same is None:
            names.append(name)
        elif len(name) > len(names[same]):
            names[same] = name
    put(CODE.E10, [{"name": n} for n in names])
    _terms_and_subjects(result, lines, put)


def _terms_and_subjects(result, lines, put) -> None:
    from juesuan.spec.catalog import lookup
    standard = _standard_terms()
    terms, subjects = [], []
    section = _section(lines, re.compile(r"名词解释$"))
    for text in _items(section, result.kind == "docx", _TERM_START):
        m = _TERM_RE.match(text)
        if not m:
            continue
        term, body = m.group(1), m.group(2)
        if "（项）" in term or "(项)" in term:
            continue
        # a standard term is printed by the templates themselves (its wording there may differ)
        if term not in standard and body.rstrip("。")[:20] not in standard:
            terms.append({"term": term, "text": body})
    put(CODE.M01, terms)
    codes = _leaf_codes(result.report)
    for text in _items(section, result.kind == "docx", _TERM_START):
        m = re.match(r"^(?:\d+[.、．])?.*?（类）(.*?)（款）(.+?)（项）[：:](.+)$", text)
        if not m or (m.group(1), m.group(2)) not in codes:
            continue
        code, body = codes[(m.group(1), m.group(2))], m.group(3)
        try:
            known = [x.entry.explanation for x in lookup(code, result.report.year)[1] if x.entry.code == code]
        except Exception:  # noqa: BLE001 - the dictionary is a help here, never a failure
            known = []
        if not any(body.rstrip("。") in (e or "") for e in known if e):
            subjects.append({"code": code, "text": body})
    put(CODE.M02, subjects)


def _leaf_codes(report) -> dict[tuple[str, str], str]:
    """(款 name, 项 name) -> 项 code, from the tables just imported ("行政运行" is a 项 of many 款)."""
    out: dict[tuple[str, str], str] = {}
    for tid in ("T03", "T05", "T02"):
        rows = report.tables[tid].rows
        names = {r.code: r.name for r in rows if r.name}
        for r in rows:
            if len(r.code) == 7 and r.name:
                kuan = names.get(r.code[:5])
                if kuan is None:
                    from juesuan.spec.catalog import lookup
                    try:
                        kuan = next((x.entry.name for x in lookup(r.code[:5], report.year)[1]
                                     if x.entry.code == r.code[:5]), "")
                    except Exception:  # noqa: BLE001
                        kuan = ""
                out.setdefault((kuan, r.name), r.code)
    return out
