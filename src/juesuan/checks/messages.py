"""Turn an origin (a failing check and what it explains) into a Finding in plain Chinese."""
from __future__ import annotations

import re

from juesuan.model.findings import ERROR, SEVERITY_ORDER, WARNING, Finding
from juesuan.checks.cascade import Origin
from juesuan.checks.context import CENT, Check, Term, fmt
from juesuan.checks.localize import MAX_ALTERNATIVES
from juesuan.checks.ordering import cell_position
from juesuan.checks.registry import GE_TEMPLATE, LE_TEMPLATE, SUM_TEMPLATE, TOLERANCE

_CELL_RE = re.compile(r"^(?P<sheet>[^!]+)!(?P<col>[A-Z]+)(?P<row>\d+)$")


def severity_of(check: Check, strict: bool) -> tuple[str, bool]:
    """(severity, is a 尾数误差) of a failing check."""
    policy = check.severity or check.rule.severity
    if policy != TOLERANCE:
        return policy, False
    if strict:
        return ERROR, False
    if abs(check.diff) <= CENT * check.k:
        return WARNING, True
    return ERROR, False


def compress(cells: list[str]) -> list[str]:
    """Runs of cells in one column or one row become a range: 'S!D9:D19', 'S!C7:H7'.

    Order is kept; the sheet is repeated in every item so each one can be pasted into Excel.
    """
    out: list[str] = []
    run: list[tuple[str, int, int]] = []  # (sheet, col number, row)
    axis = None

    def flush():
        nonlocal axis
        if run:
            (sheet, c1, r1), (_, c2, r2) = run[0], run[-1]
            a, b = f"{_letters(c1)}{r1}", f"{_letters(c2)}{r2}"
            out.append(f"{sheet}!{a}" if a == b else f"{sheet}!{a}:{b}")
        run.clear()
        axis = None

    seen = set()
    for cell in cells:
        if cell in seen:
            continue
        seen.add(cell)
        m = _CELL_RE.match(cell)
        if not m:
            flush()
            out.append(cell)
            continue
        here = (m.group("sheet"), _number(m.group("col")), int(m.group("row")))
        if run and run[-1][0] == here[0]:
            last = run[-1]
            step = "row" if (here[1] == last[1] and here[2] == last[2] + 1) else \
                "col" if (here[2] == last[2] and here[1] == last[1] + 1) else None
            if step and axis in (None, step):
                axis = step
                run.append(here)
                continue
        flush()
        run.append(here)
    flush()
    return out


def _number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_prefix(cell: str) -> str:
    m = _CELL_RE.match(cell)
    return m.group("sheet") if m else cell.split(" ")[0]


def _severity(origin: Origin, strict: bool) -> tuple[str, bool]:
    severity, rounding = severity_of(origin.check, strict)
    # The same fault may also break a stricter rule (X-15 警告 explains T04-7 错误): the finding
    # takes the most severe of them.
    for e in origin.explained:
        other, _ = severity_of(e, strict)
        if SEVERITY_ORDER[other] < SEVERITY_ORDER[severity]:
            severity, rounding = other, False
    return severity, rounding


def _fields(c: Check, rounding: bool) -> dict:
    return {
        "lhs": c.lhs_text, "rhs": c.rhs_text, "actual": fmt(c.lhs.value), "expected": fmt(c.expected),
        "diff": fmt(abs(c.diff)), "note": "，属尾数误差" if rounding else "", "sheet": sheet_prefix(c.lhs.cell),
        **c.extra,
    }


def _relation_message(c: Check, fields: dict) -> str:
    template = c.rule.template
    if c.op != "=" and template == SUM_TEMPLATE:
        template = LE_TEMPLATE if c.op == "<=" else GE_TEMPLATE
    return template.format(**fields)


def _explained_line(e: Check, note: str = "") -> str:
    where = "、".join(compress([e.lhs.cell, *(t.cell for t in e.rhs)])[:4])
    return f"{e.rule.id}：{e.lhs_text} {fmt(e.lhs.value)}，{e.rhs_text} {fmt(e.expected)}（{where}）{note}"


def _ids(checks: list[Check]) -> str:
    return "、".join(dict.fromkeys(c.rule.id for c in checks))


_NUMBERED = re.compile(r"(?:行|栏)\d+(?=“)")


def plain_label(term: Term) -> str:
    """The names a clerk reads in the table, without 行次/栏次: '2070101“行政运行”栏2“基本支出”'
    → '2070101“行政运行”的“基本支出”', '行27“本年收入合计”' → '“本年收入合计”'."""
    return _NUMBERED.sub("", term.label).replace("”“", "”的“")


def where(term: Term) -> str:
    """'公开03表!D13（2070101“行政运行”的“基本支出”）': the cell first, then what it is."""
    named = plain_label(term)
    return f"{term.cell}（{named}）" if named else term.cell


def _holds(every: list[Check], tails: list[Check]) -> str:
    """'改正后 T03-3、X-7 都成立' and, for relations that go back to the 尾数 they carried before,
    that they are listed apart (after the errors), not re-reported here."""
    exact = [c for c in every if c not in tails]
    text = f"改正后 {_ids(exact)} {'都' if len(exact) > 1 else ''}成立" if exact else ""
    if tails:
        text += ("，" if text else "改正后 ") + f"{_ids(tails)} 只余原有的尾数差额（另列于后）"
    return text


SHOWN_UNLIKELY = 3


def _unlikely(fix) -> str:
    """The cells that would explain the relations as well, but whose figure another table prints
    too (evidence.py): named apart, after the likely ones, so that the clerk looks there last."""
    if not fix.unlikely:
        return ""
    shown = fix.unlikely[:SHOWN_UNLIKELY]
    more = f"等{len(fix.unlikely)}格" if len(fix.unlikely) > len(shown) else ""
    changes = "、".join(f"{f.term.cell} 改为 {fmt(f.value)}" for f in shown)
    printed = "、".join(f.printed for f in shown)
    return (f"另有 {changes} {more}也能使之成立，但{'它们' if len(fix.unlikely) > 1 else '它'}现有的数"
            f"{'分别' if len(shown) > 1 else ''}与 {printed} 相同，不大可能有误。")


def located_finding(origin: Origin, strict: bool) -> Finding:
    """The finding of a localized fault, plain first: which cell, what it holds, what to type;
    then, in brackets, the 栏次 and the rules that hold once it is corrected."""
    fix = origin.fix
    c = fix.primary
    severity, rounding = _severity(origin, strict)
    every = [c, *origin.explained]
    tails = [e for e in every if any(e is t for t in fix.tails)]
    term, value = fix.term, fix.value
    related = [_explained_line(e, "（改正后只余原有的尾数差额，另列于后）" if any(e is t for t in tails) else "")
               for e in origin.explained]
    others = [x.cell for x in (c.lhs, *c.rhs) if x.key != term.key]
    twins = sorted((t for t, _ in fix.same_figure), key=lambda t: cell_position(t.cell))
    affects = [f"{where(t)}：{fmt(t.value)} → {fmt(t.value + d)}" for t, d in fix.totals]
    if fix.alternatives:
        shown = [fix, *fix.alternatives[:MAX_ALTERNATIVES - 1]]
        more = len(fix.alternatives) + 1 - len(shown)
        choices = "；".join(f"{where(f.term)}改为 {fmt(f.value)}" for f in shown)
        message = (f"以下{len(shown) + more}格中有一格填错了，表内的数无法确定是哪一格：{choices}"
                   + (f"（另有{more}格同样可能）" if more else "") + "。" + _unlikely(fix)
                   + f"（{_relation_message(c, _fields(c, rounding)).rstrip('。')}；任改一格都能使 {_ids(every)} 成立。）")
        cells = [f.term.cell for f in shown]
        hint = "请核对这几格，只改正其中填错的一格"
    else:
        note = "，属尾数误差" if rounding else ""
        message = f"{where(term)}现为 {fmt(term.value)}，应为 {fmt(value)}（相差 {fmt(abs(fix.delta))}{note}）。"
        if fix.confirmed:
            message += f"{fix.printed} 所列也是 {fmt(value)}。"
        if twins:
            message += f"同一个数也填在了 {'、'.join(where(t) for t in twins)}，应一并改为 {fmt(value)}。"
        message += _unlikely(fix)
        message += f"（即 {term.named}；{_holds(every, tails)}。）"
        cells = [term.cell, *(t.cell for t in twins), *compress([x for x in others if x not in {t.cell for t in twins}])]
        if rounding:
            hint = (f"差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；"
                    f"如需一致，请把 {term.cell} 改为 {fmt(value)}")
        else:
            hint = (f"请把 {term.cell}" + "".join(f"、{t.cell}" for t in twins) + f" 改为 {fmt(value)}"
                    + ("，并改正由它算出的合计（见“影响”）" if affects else ""))
    candidates = list(cells) if fix.alternatives else []
    return Finding(c.rule.id, severity, message, cells, value, term.value, hint, c.rule.title, related, candidates,
                   [t.cell for t in twins], affects)


def finding_of(origin: Origin, strict: bool) -> Finding:
    if origin.fix is not None:
        return located_finding(origin, strict)
    c = origin.check
    severity, rounding = _severity(origin, strict)
    expected = c.expected
    fields = _fields(c, rounding)
    # plain first: the left-hand side by its names; its 栏次 is in the cell name and the rule
    message = _relation_message(c, {**fields, "lhs": _plain_lhs(c)})
    rhs_cells = compress([t.cell for t in c.rhs])
    cells = [c.lhs.cell, *rhs_cells] if c.anchor == "lhs" else [*rhs_cells, c.lhs.cell]
    if rounding:
        hint = (f"差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；"
                f"如需一致，请把 {c.lhs.cell} 改为 {fmt(expected)}")
    else:
        hint = c.rule.hint.format(**fields) if c.rule.hint else ""
    # 影响: totals computed from the origin cell carry the same break and change when it is
    # corrected; only meaningful when the origin is a total of its own table (a cross-table
    # origin may just as well be wrong on the other side).
    affects = [f"{where(t)}：{fmt(t.value)} → {fmt(t.value + origin.shift.get(t.key, 0))}（由本格算出，含同一差额）"
               for t in (origin.propagated if c.op == "=" and c.within else ())]
    if affects and not rounding and hint:
        hint += "；改正后，由它算出的合计随之改变（见“影响”）"
    related = [_explained_line(e) for e in origin.explained]
    actual = c.lhs.value
    return Finding(c.rule.id, severity, message, cells, expected, actual, hint, c.rule.title, related,
                   affects=affects)


def _plain_lhs(c: Check) -> str:
    """The left-hand side as the message names it, without 行次/栏次 when it is the default name."""
    if c.lhs_text != c.lhs.named:
        return c.lhs_text
    return f"{c.lhs.sheet}{plain_label(c.lhs)}"

