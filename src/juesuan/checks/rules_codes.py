"""科目编码规则 (docs/RULES.md, group 编码) and X-6 (same codes, same names in 表2、表3、表5).

These run before the table sums: a code found wrong here is remembered in ``ctx.bad_codes`` so
the comparisons built on codes (X-7, the 主要原因 of 五(三) …) do not report it again.
"""
from __future__ import annotations

import re

from juesuan.spec.catalog import EDITIONS, norm_name
from juesuan.figures.explanations import explained_rows, missing
from juesuan.spec.layouts import FUNCTION_CLASSES
from juesuan.model.report import CodedRow, CodedTable
from juesuan.checks.context import Context
from juesuan.checks.registry import ERROR, INFO, WARNING, define
from juesuan.checks.rules_cross import all_gpb, carryover
from juesuan.checks.tree import Tree

G = "编码"
CODED = ("T02", "T03", "T05", "T07", "T08")
_CLASSES = {code for code, _ in FUNCTION_CLASSES}

define("C-1", "功能分类编码为 3/5/7 位", "功能分类编码：类 3 位、款 5 位、项 7 位，款以其类开头，项以其款开头", ERROR,
       "{sheet}科目编码“{code}”是 {n} 位，功能分类编码应为 3 位（类）、5 位（款）或 7 位（项）。",
       "请改为 3 位（类）、5 位（款）或 7 位（项）的功能分类科目编码", group=G)
define("C-2", "印了类、款行时每个项都有上级行", "印了类、款行时：每个项要有其款行和类行，每个款要有其类行", WARNING,
       "{sheet}印了类、款行，但科目 {code} 的上级{kind}行 {parent} 没有印出。",
       "请补上上级科目行（其金额 = 下级之和），或只印项行", group=G)
define("C-3", "科目名称与字典一致", "同一编码在各表的名称与报告年度所用版本的科目字典 K 一致", INFO,
       "科目 {code} 在{tables}的名称为“{name}”，{edition}年科目中为“{k_name}”。",
       "正文使用工作簿的名称；如表中名称有误请改正", group=G)
define("C-4", "科目编码在字典中", "功能分类编码应在报告年度所用版本（不晚于报告年度的最新版本）的科目字典 K 中",
       WARNING, "{tables}科目 {code} 字典未收录：本工具{first}—{last}年各版本的科目字典都没有这个编码"
       "（字典并不完整，不一定是编码有误）。",
       "请核对编码；如编码无误，正文名称以工作簿为准，并在“科目说明”表填写该科目的说明", group=G, variants={
           "candidate": "{tables}科目 {code} 字典未收录；其他表中的 {partner}（{partner_name}）只差一位"
                        "{same}，可能是它。",
           # said only when the row of the other edition is a checked one (seed / official)
           "other_edition": "{tables}科目 {code} 不在{edition}年科目中；该编码在{editions}科目中为“{other_name}”。",
           "other_unverified": "{tables}科目 {code} 字典未收录{edition}年版本；字典中该编码在{editions}科目中为"
                               "“{other_name}”（该行未与官方目录核对）。"})
define("C-5", "类编码对应表1、表4 的类行", "各表的类（编码前 3 位）须是表1、表4 支出侧的 26 个功能分类类之一", ERROR,
       "{sheet}科目 {code} 的类“{cls}”不是表1、表4 支出侧的功能分类类，无法与表1、表4 对应。",
       "请核对编码；表1、表4 没有这个类的行", group=G)
define("C-6", "表6 经济分类编码", "表6 编码须在经济分类目录中；301、303 的款只在人员经费组，302、307、310、312、399 的款只在公用经费组",
       ERROR, "{sheet}经济分类科目 {code}“{name}”应列在{group}组，实际不在该组。", "请核对表6 该科目的编码与位置",
       group=G, variants={"unknown": "{sheet}经济分类科目 {code} 不在{edition}年部门支出经济分类科目中。"})
define("C-7", "科目说明", "第五部分列出的每个项（表5 决算不为 0，或只在表7、表8 出现），宜在字典 K 或“科目说明”表（M02）中有说明（第五部分名词解释用）",
       WARNING, "{sheet}科目 {code}{name}在{edition}年科目字典中没有说明，“科目说明”表也没有填写；"
       "{part}该科目只印名称，不写说明。",
       "如需写说明，请在“科目说明”工作表填写该科目编码和说明（如“反映……的支出。”）", group=G)
define("X-6", "表2、表3、表5 科目一致", "表2、表3、表5 的编码集合一致（表5 的编码都在表3 中），同一编码名称相同", ERROR,
       "{s5}科目 {code} 在{s3}中没有；表5 的科目都应出现在表3 中。", "同一科目在各表的编码、名称应一致",
       group="表间", variants={
           "pair": "{sa}科目 {code} 在{sb}中没有；{sb}的 {partner} 在{sa}中没有，两者只差一位，疑为同一科目的编码写错。",
           "only3": "{s3}科目 {code} 在{s5}中没有；支出全部是一般公共预算财政拨款时，两表科目应相同。",
           "income": "{sa}科目 {code} 在{sb}中没有；没有结转结余时，收入表与支出表的科目应相同。",
           "name": "{sheet}科目 {code} 的名称为“{name}”，{ref_sheet}为“{ref}”{k_part}；同一科目各表名称应相同。"})


def near(a: str, b: str) -> bool:
    """Same length and one digit different, or two adjacent digits swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def neighbours(code: str) -> list[str]:
    """Every code near() ``code``, in ascending order: O(len) candidates instead of a scan."""
    out = set()
    for i, ch in enumerate(code):
        out.update(code[:i] + d + code[i + 1:] for d in "0123456789" if d != ch)
        if i + 1 < len(code) and code[i + 1] != ch:
            out.add(code[:i] + code[i + 1] + ch + code[i + 2:])
    return sorted(out)


def similar(a: str, b: str) -> bool:
    """near(), or one digit added or dropped (a code typed with 6 or 8 digits)."""
    if near(a, b):
        return True
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _where(ctx: Context, tid: str, row: CodedRow) -> str:
    return row.code_cell or f"{ctx.sheet_of(tid)} {row.code}"


def _nonzero(row: CodedRow) -> bool:
    return any(v != 0 for v in row.values.values())


def _c1(ctx: Context) -> None:
    for tid in CODED:
        for row in ctx.report.tables[tid].rows:
            if len(row.code) not in (3, 5, 7) or not row.code.isdigit():
                ctx.bad_codes.add(row.code)
                ctx.add("C-1", [_where(ctx, tid, row)], sheet=ctx.sheet_of(tid), code=row.code, n=len(row.code),
                        hint=_c1_hint(ctx, row.code))


def _c1_hint(ctx: Context, code: str) -> str | None:
    """“2058” is 4 digits: the dictionary codes one digit away (a 0 lost when Excel stored the
    code as a number and a format cut it, or a digit typed once too few or too many)."""
    if not code.isdigit() or len(code) in (3, 5, 7):
        return None
    want = {len(code) - 1, len(code) + 1} & {3, 5, 7}
    close = sorted(c for c in ctx.catalog.func if len(c) in want and similar(code, c))
    close = [c for c in close if c[:3] == code[:3]] or close  # the class is usually typed right
    if not close or len(close) > 4:
        return None
    names = "、".join(f"{c}（{ctx.catalog.func_name(c)}）" for c in close)
    zero = any(len(c) > len(code) and "0" in c for c in close)
    why = "；编码若按数字保存，Excel 可能丢了其中的 0（请把编码列设为“文本”格式后重填）" if zero else ""
    return f"可能是 {names}：少打或多打了一位{why}"


def _x6_codes(ctx: Context) -> None:
    r = ctx.report
    trees = {tid: Tree(r.tables[tid]) for tid in ("T02", "T03", "T05")}

    malformed = set(ctx.bad_codes)  # C-1 codes: a code near one of them is that same typo, not a new fault

    def leaves(tid):
        return {row.code: row for row in trees[tid].leaves() if _nonzero(row) and row.code not in ctx.bad_codes
                and not any(similar(row.code, m) for m in malformed)}

    l2, l3, l5 = leaves("T02"), leaves("T03"), leaves("T05")
    s2, s3, s5 = ctx.sheet_of("T02"), ctx.sheet_of("T03"), ctx.sheet_of("T05")
    if ctx.missing & {"T03", "T05"}:
        l5 = l3 = {}  # the reader already reports the missing table
    only5 = sorted(set(l5) - set(l3))
    only3 = sorted(set(l3) - set(l5)) if all_gpb(ctx) else []
    paired3: set[str] = set()
    for code in only5:
        partner = next((c for c in only3 if c not in paired3 and near(code, c)), None)
        partner = partner or next((c for c in set(l3) - set(l5) if near(code, c)), None)
        ctx.bad_codes.add(code)
        cells = [_where(ctx, "T05", l5[code])]
        if partner:
            paired3.add(partner)
            ctx.bad_codes.add(partner)
            ctx.code_pairs[code] = partner
            cells.append(_where(ctx, "T03", l3[partner]))
            ctx.add("X-6", cells, "pair", hint=f"请核对{s5}该行编码（是否应为 {partner}）",
                    sa=s5, sb=s3, code=code, partner=partner)
        else:
            ctx.add("X-6", cells, hint=f"请核对{s5}该行编码，或在{s3}补上该科目", s5=s5, s3=s3, code=code)
    for code in only3:
        if code in paired3:
            continue
        ctx.bad_codes.add(code)
        ctx.add("X-6", [_where(ctx, "T03", l3[code])], "only3", hint=f"请在{s5}补上该科目，或核对{s3}的编码",
                s3=s3, s5=s5, code=code)
    if carryover(ctx) or ctx.missing & {"T02", "T03"}:
        return  # with 结转结余 a code may have income without expenditure or the reverse
    for a, b, la, lb, sa, sb in (("T02", "T03", l2, l3, s2, s3), ("T03", "T02", l3, l2, s3, s2)):
        for code in sorted(set(la) - set(lb)):
            if code in ctx.bad_codes:
                continue
            partner = next((c for c in sorted(set(lb) - set(la)) if near(code, c) and c not in ctx.bad_codes), None)
            cells = [_where(ctx, a, la[code])]
            if partner:
                cells.append(_where(ctx, b, lb[partner]))
                ctx.bad_codes.add(partner)
            ctx.add("X-6", cells, "pair" if partner else "income", hint=f"请核对{sa}、{sb}的科目编码",
                    sa=sa, sb=sb, code=code, partner=partner)
            ctx.bad_codes.add(code)


def _names(ctx: Context) -> None:
    """X-6 (names differ between tables, 警告) and C-3 (all tables agree, dictionary differs, 提示)."""
    r = ctx.report
    seen: dict[str, list[tuple[str, CodedRow]]] = {}
    for tid in CODED:
        for row in r.tables[tid].rows:
            if row.name and row.code not in ctx.bad_codes:
                seen.setdefault(row.code, []).append((tid, row))
    for code, rows in seen.items():
        k_name = ctx.catalog.func_name(code)
        names = [norm_name(row.name) for _, row in rows]
        distinct = list(dict.fromkeys(names))
        if len(distinct) > 1:
            if k_name and norm_name(k_name) in distinct:
                ref = norm_name(k_name)
            else:
                ref = max(distinct, key=lambda n: (names.count(n), -names.index(n)))
            ref_where = next(ctx.sheet_of(t) for (t, row), n in zip(rows, names) if n == ref)
            for (tid, row), n in zip(rows, names):
                if n == ref:
                    continue
                ctx.add("X-6", [row.name_cell or _where(ctx, tid, row)], "name", severity=WARNING,
                        hint=f"请统一为“{k_name or ref}”；正文使用{'字典' if k_name else '该'}名称",
                        sheet=ctx.sheet_of(tid), code=code, name=row.name, ref_sheet=ref_where, ref=ref,
                        k_part=f"，{ctx.catalog.edition}年科目中为“{k_name}”" if k_name else "")
        elif k_name and distinct[0] != norm_name(k_name):
            tid, row = rows[0]
            tables = "、".join(dict.fromkeys(ctx.sheet_of(t) for t, _ in rows))
            ctx.add("C-3", [row.name_cell or _where(ctx, tid, row)], code=code, tables=tables, name=row.name,
                    edition=ctx.catalog.edition, k_name=k_name)


def _known_codes(ctx: Context) -> None:
    """C-4 unknown codes (with a near code from another table as the likely meaning) and C-5."""
    r = ctx.report
    first: dict[str, tuple[str, CodedRow]] = {}
    all_codes: set[str] = set()
    in_tables: dict[str, list[str]] = {}  # code -> the tables printing it, in CODED order
    names: dict[str, set[str]] = {}  # code -> every name printed for it (normalised)
    for tid in CODED:
        for row in r.tables[tid].rows:
            all_codes.add(row.code)
            first.setdefault(row.code, (tid, row))
            seen = in_tables.setdefault(row.code, [])
            if not seen or seen[-1] != tid:
                seen.append(tid)
            if row.name:
                names.setdefault(row.code, set()).add(norm_name(row.name))
    bad_class: set[str] = set()
    for code, (tid, row) in first.items():
        if len(code) not in (3, 5, 7) or not code.isdigit():
            continue
        if code[:3] not in _CLASSES:
            ctx.bad_codes.add(code)  # one problem, one message: no C-7 for a code of an impossible 类
            if code[:3] not in bad_class:
                bad_class.add(code[:3])
                ctx.add("C-5", [_where(ctx, tid, row)], sheet=ctx.sheet_of(tid), code=code, cls=code[:3])
            continue
        if ctx.catalog.knows(code):
            continue
        tables = in_tables[code]
        where = "、".join(ctx.sheet_of(t) for t in tables)
        fields = {"tables": where, "code": code, "edition": ctx.catalog.edition}
        elsewhere = ctx.catalog.other_editions(code)
        if elsewhere:  # a code of another edition: say so, never propose a different code
            other = elsewhere[0]
            checked = other.source in ("seed", "official")
            ctx.add("C-4", [_where(ctx, tid, row)], "other_edition" if checked else "other_unverified",
                    hint=f"请核对报告年度（{ctx.report.year}年用{ctx.catalog.edition}年科目）和编码；编码无误时可忽略，"
                         "正文名称以工作簿为准", editions=other.editions, other_name=other.name, **fields)
            continue
        printed = names.get(code, set())
        partner = ctx.code_pairs.get(code) or next(
            (c for c in neighbours(code) if c in all_codes and ctx.catalog.knows(c)), None)
        if partner and printed and printed != {norm_name(ctx.catalog.func_name(partner))}:
            partner = None  # a different name is a different 科目, not a typo of this code
        if partner:
            ctx.add("C-4", [_where(ctx, tid, row)], "candidate", severity=INFO, hint=f"请核对编码是否应为 {partner}",
                    partner=partner, partner_name=ctx.catalog.func_name(partner), same="，名称也相同" if printed else "",
                    **fields)
        else:
            ctx.add("C-4", [_where(ctx, tid, row)], first=EDITIONS[0], last=EDITIONS[-1], **fields)


def _c2(ctx: Context) -> None:
    for tid in CODED:
        table: CodedTable = ctx.report.tables[tid]
        tree = Tree(table)
        if not tree.printed_levels():
            continue
        reported: set[str] = set()
        for row in table.rows:
            if row.code in ctx.bad_codes or len(row.code) not in (5, 7):
                continue
            parents = [row.code[:3]] + ([row.code[:5]] if len(row.code) == 7 else [])
            for p in parents:
                if p in tree.by_code or p in reported:
                    continue
                reported.add(p)
                kind = "类" if len(p) == 3 else "款"
                ctx.add("C-2", [_where(ctx, tid, row)], sheet=ctx.sheet_of(tid), code=row.code, kind=kind, parent=p)


def _c6(ctx: Context) -> None:
    t = ctx.report.t06
    layout = t.layout
    personnel_col = _column(t.personnel_cell)
    for code in sorted(set(t.cells) | set(t.values)):
        cell = t.cells.get(code) or f"{ctx.sheet_of('T06')} {code}"
        known = ctx.catalog.econ_name(code) or layout.name_of(code)
        if not known:
            ctx.add("C-6", [cell], "unknown", severity=WARNING, sheet=ctx.sheet_of("T06"), code=code,
                    edition=ctx.catalog.edition)
            continue
        col = _column(t.cells.get(code))
        if personnel_col is None or col is None:
            continue
        in_personnel = col == personnel_col
        should = code[:3] in layout.personnel_classes
        if in_personnel != should:
            group = "人员经费" if should else "公用经费"
            ctx.add("C-6", [cell], sheet=ctx.sheet_of("T06"), code=code, name=known, group=group)


def _c7(ctx: Context) -> None:
    """A 项 without 科目说明: a 警告 naming the 科目说明 row to fill; the report still renders."""
    r = ctx.report
    rows = {code: found for code, found in explained_rows(r).items() if code not in ctx.bad_codes}
    for m in missing(r, ctx.catalog, list(rows)):
        tid, row = rows[m.code]
        name = row.name or ctx.catalog.func_name(row.code) or ""
        ctx.add("C-7", [_where(ctx, tid, row), m.fill], sheet=ctx.sheet_of(tid), code=row.code,
                hint=f"如需写说明，请在“科目说明”工作表第 {m.row} 行（{m.fill}）填写科目编码 {row.code}，"
                     "并在同一行填写说明（如“反映……的支出。”）。字典中这个项没有有出处的说明，"
                     "make-report fill（按字典预填“科目说明”表）不能代填；"
                     f"make-report kemu {row.code} 可查参考说明，标“未核对”的须核对后再用",
                name=f"“{name}”" if name else "", edition=ctx.catalog.edition,
                part=ctx.glossary_part or "名词解释中")


def _column(cell: str | None) -> str | None:
    m = re.match(r"^[^!]+!([A-Z]+)\d+$", cell or "")
    return m.group(1) if m else None


CHECKS = (_c1, _x6_codes, _names, _known_codes, _c2, _c6, _c7)
