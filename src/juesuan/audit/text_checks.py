"""The checks a reviewer makes on any report's wording, with or without the workbook.

* years: a title of another year, 「与2022年度相比」 in a 2024 report (上年 must be the year before),
  「截至2023年12月31日」 outside 第三部分 (inside, the 截至 claim is judged with the figures);
* direction words: 「支出决算数小于年初预算数」 where the 决算 is larger; 「增加…万元，下降…%」 in one clause;
  「较上年减少的主要原因」 after 「较上年增加…万元」;
* an amount without its unit in a list of amounts (「维修(护）费1.34、」);
* self-contradicting or doubled words (「增加减少」, 「增加增加」);
* a total that is smaller than the parts the text lists after 「其中：」 (0.01 is 尾数, a note).
Each issue quotes the words and gives the page.
"""
from __future__ import annotations

import re
from decimal import Decimal

from juesuan.audit.claims import mask
from juesuan.audit.issues import (CONTRADICTION, DIRECTION, NOTE, REF_TEXT, TEXT_SUM, UNIT, WORDING, YEAR, Issue,
                                  shorten)

_VERBS = "增加|减少|上升|下降|增长|降低|大于|小于|高于|低于"
_OPPOSITE = {"增加": "减少", "减少": "增加", "上升": "下降", "下降": "上升", "增长": "降低", "降低": "增长",
             "大于": "小于", "小于": "大于", "高于": "低于", "低于": "高于"}
_UP = {"增加", "上升", "增长", "大于", "高于"}
_CLASH = re.compile(rf"({_VERBS})({_VERBS})")
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2})\1")  # 「预算预算」; longer repeats are often names (「总工会总工会本级」)
_DOUBLED_OK = {"谢谢", "看看", "常常", "渐渐", "刚刚", "仅仅", "年年", "人人", "天天", "层层", "处处", "事事"}
_PRIOR_NAMING = re.compile(r"(?:与|比|较|同)(\d{4})年(?:度)?(?:决算数?)?(?:相比|比较|同期|增加|减少|上升|下降|持平|[，,]|$)")
_TITLE_YEAR = re.compile(r"(\d{4})年度?(?:部门|单位)?(?:决算|.{0,12}决算表|.{0,16}绩效自评表)")
_AS_OF = re.compile(r"截[至止](\d{4})年(\d{1,2})月(\d{1,2})日")
_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)万元")
_BARE = re.compile(r"(?<=[\u4e00-\u9fff）)])(\d+(?:\.\d{1,2})?)(?=[、，,；;。])")
_NOT_AMOUNT_BEFORE = set("第共约前后近达表图号期届批次类款项")


def _issue(kind, text, start, end, message, page, index, severity=CONTRADICTION, reference=REF_TEXT) -> Issue:
    return Issue(kind, message, shorten(text, start, end), page, index, reference, severity)


# ------------------------------------------------------------------------------------------------ years
def report_year(paragraphs: list[str], known: int | None) -> int | None:
    """The report's year: the reference's, else the year most titles name."""
    if known:
        return known
    counts: dict[int, int] = {}
    for p in paragraphs:
        for m in _TITLE_YEAR.finditer(p):
            counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    return max(counts, key=counts.get) if counts else None


def year_issues(text: str, year: int, page, index, in_part3: bool) -> list[Issue]:
    out = []
    for m in _TITLE_YEAR.finditer(text):
        y = int(m.group(1))
        if y != year and not (y == year - 1 and ("上年" in text[max(0, m.start() - 4):m.start()])):
            if text[max(0, m.start() - 2):m.start()].endswith(("与", "比", "较")):
                continue  # 「与2023年度决算数相比」 is 上年 naming, judged below
            out.append(_issue(YEAR, text, m.start(), m.end(), f"写的是“{m.group(0)}”，报告年度是{year}年", page, index))
    for m in _PRIOR_NAMING.finditer(text):
        y = int(m.group(1))
        if y != year - 1:
            out.append(_issue(YEAR, text, m.start(), m.end(),
                              f"上年应为{year - 1}年，写的是“{m.group(1)}年”", page, index))
    if not in_part3:  # in 第三部分 the 截至 date is a claim judged with the figures
        for m in _AS_OF.finditer(text):
            if (int(m.group(1)), int(m.group(2)), int(m.group(3))) != (year, 12, 31):
                out.append(_issue(YEAR, text, m.start(), m.end(),
                                  f"截至日期应为{year}年12月31日，写的是“{m.group(0)[2:]}”", page, index))
    return out


# ------------------------------------------------------------------------------------------- directions
_BUDGET_AMT = re.compile(r"预算(?:数)?(?:为|是)?(\d+(?:\.\d+)?)万元")
_FINAL_AMT = re.compile(r"决算(?:数)?(?:为|是)?(\d+(?:\.\d+)?)万元")
_COMPARE = re.compile(r"决算数?(大于|小于|等于|高于|低于|超过|持平于)(?:年初|全年)?预算数?")
_EQUAL_WORDS = re.compile(r"与(?:年初|全年)?预算(?:数)?持平")
_CHANGE_PAIR = re.compile(r"(增加|减少)(\d+(?:\.\d+)?)万元[，,](上升|下降|增长|降低)(\d+(?:\.\d+)?)%")
_PRIOR_VERB = re.compile(r"(?:较|比)上年(增加|减少)(\d)")
_PRIOR_REASON = re.compile(r"(?:较|比)上年(增加|减少)的(?:主要)?原因")


def direction_issues(text: str, page, index, wrong_spans=()) -> list[Issue]:
    out = []
    budget, final = _BUDGET_AMT.search(text), _FINAL_AMT.search(text)
    if budget and final:
        a, b = Decimal(budget.group(1)), Decimal(final.group(1))
        right = "大于" if b > a else "小于" if b < a else "等于"
        for m in _COMPARE.finditer(text):
            word = {"高于": "大于", "超过": "大于", "低于": "小于", "持平于": "等于"}.get(m.group(1), m.group(1))
            if word != right:
                out.append(_issue(DIRECTION, text, m.start(), m.end(),
                                  f"预算{a}万元、决算{b}万元，决算数应“{right}”预算数，写的是“{m.group(1)}”", page, index))
        for m in _EQUAL_WORDS.finditer(text):
            if right != "等于":
                out.append(_issue(DIRECTION, text, m.start(), m.end(),
                                  f"预算{a}万元、决算{b}万元，不是“持平”，决算数{right}预算数", page, index))
    for m in _CHANGE_PAIR.finditer(text):
        if any(ws < m.end() and m.start() < we for ws, we in wrong_spans):
            continue  # the change is already a contradiction against the figures
        if (m.group(1) == "增加") != (m.group(3) in ("上升", "增长")):
            out.append(_issue(DIRECTION, text, m.start(), m.end(),
                              f"同一变动写作“{m.group(1)}”和“{m.group(3)}”，方向相反", page, index))
    said = _PRIOR_VERB.search(text)
    if said:
        for m in _PRIOR_REASON.finditer(text):
            if m.group(1) != said.group(1):
                out.append(_issue(DIRECTION, text, m.start(), m.end(),
                                  f"前文写“较上年{said.group(1)}”，这里写“较上年{m.group(1)}的原因”", page, index))
    return out


# --------------------------------------------------------------------------------------- words, units
def wording_issues(text: str, page, index) -> list[Issue]:
    out = []
    for m in _CLASH.finditer(text):
        a, b = m.group(1), m.group(2)
        if a == b:
            msg = f"“{a}”重复"
        elif _OPPOSITE.get(a) == b:
            msg = f"“{a}{b}”自相矛盾：只能是其中一个"
        else:
            msg = f"“{a}{b}”两个比较词连用"
        out.append(_issue(WORDING, text, m.start(), m.end(), msg, page, index))
    clash_spans = [(m.start(), m.end()) for m in _CLASH.finditer(text)]
    for m in _DOUBLED.finditer(text):
        if m.group(1) in _DOUBLED_OK or any(s <= m.start() < e for s, e in clash_spans):
            continue
        if len(set(m.group(1))) == 1:
            continue  # 「常常」-like reduplication
        out.append(_issue(WORDING, text, m.start(), m.end(), f"“{m.group(1)}”连写两次", page, index))
    return out


def unit_issues(text: str, masked: str, page, index) -> list[Issue]:
    """A number standing in a list of 万元 amounts without any unit."""
    if len(_AMOUNT.findall(masked)) < 2:
        return []
    out = []
    for m in _BARE.finditer(masked):
        before = masked[m.start() - 1]
        if before in _NOT_AMOUNT_BEFORE:
            continue
        out.append(_issue(UNIT, text, m.start(), m.end(),
                          f"“{m.group(1)}”没有单位（同一段的金额都写“万元”），应为“{m.group(1)}万元”", page, index))
    return out


# ---------------------------------------------------------------------------------------------- sums
_SUBTOTAL_LEAD = re.compile(r"主要包括[：:]|主要用于|主要是|包括[：:]")


def _amounts(masked: str, start: int, end: int) -> list[tuple[int, int, Decimal]]:
    out = []
    for m in _AMOUNT.finditer(masked, start, end):
        before = masked[max(0, m.start() - 4):m.start()]
        if re.search(r"(增加|减少|上升|下降|增长|降低|持平)$", before):
            continue
        out.append((m.start(), m.end(), Decimal(m.group(1))))
    return out


def sum_issues(text: str, masked: str, page, index, wrong_spans) -> list[Issue]:
    """「合计A万元…其中：甲a万元，乙b万元…」: a + b … must not exceed A (the list may leave items out)."""
    out = []
    for m in re.finditer(r"其中[：:]", masked):
        head = _amounts(masked, 0, m.start())
        if not head:
            continue
        total_start, total_end, total = head[-1]
        stop = masked.find("。", m.end())
        stop = len(masked) if stop < 0 else stop
        parts = []
        pos = m.end()
        for seg in re.split(r"(；|;)", masked[m.end():stop]):
            lead = _SUBTOTAL_LEAD.search(seg)
            cut = lead.start() if lead else len(seg)
            parts += _amounts(masked, pos, pos + cut)
            pos += len(seg)
        if len(parts) < 2:
            continue
        spans = [(total_start, total_end)] + [(s, e) for s, e, _ in parts]
        if any(ws < e and s < we for s, e in spans for ws, we in wrong_spans):
            continue  # one of these numbers is already a contradiction of its own
        got = sum(v for _, _, v in parts)
        diff = got - total
        if diff > Decimal("0.01"):
            out.append(_issue(TEXT_SUM, text, total_start, parts[-1][1],
                              f"合计写{total}万元，其后列出的各项之和为{got}万元，多{diff}万元", page, index))
        elif diff == Decimal("0.01") or (diff == Decimal("-0.01")):
            out.append(_issue(TEXT_SUM, text, total_start, parts[-1][1],
                              f"合计写{total}万元，其后列出的各项之和为{got}万元，相差0.01万元（尾数）", page, index,
                              severity=NOTE))
    return out


def text_issues(paragraphs, pages, tables, part_of, year, literals, wrong_spans_of) -> list[Issue]:
    """Every wording issue of the report's prose (table rows are left to the table checks)."""
    out: list[Issue] = []
    for i, text in enumerate(paragraphs):
        if tables[i]:
            continue
        page = pages[i]
        part = part_of(i)
        if part == "目录":
            continue
        masked = mask(text, literals)
        if year:
            out += year_issues(text, year, page, i, part == "三")
        out += direction_issues(masked, page, i, wrong_spans_of(i))
        if part in ("一", "三", "四", "五"):
            out += wording_issues(text, page, i)
        if part in ("三", "四"):
            out += unit_issues(text, masked, page, i)
            out += sum_issues(text, masked, page, i, wrong_spans_of(i))
    for issue in out:
        issue.quote = issue.quote.replace("\u2592", "")
    return out


_ITEM = re.compile(r"^s05_3\.(\d{3,7})\.(budget|final)$")


def listed_sum_issues(verdicts) -> list[Issue]:
    """五（三）: the total 年初预算 / 支出决算 the text states against the sum of the 科目 lines it lists
    (「年初预算为482.62万元」 and 类 budgets adding up to 482.63).  Up to 0.05 apart is a note (rounding
    of the lines); more is a contradiction.  Skipped when a line is already a contradiction."""
    from juesuan.audit.compare import WRONG
    out = []
    for which, total_key, word in (("budget", "s05_3.budget", "年初预算"), ("final", "s05_3.final", "支出决算")):
        totals = [v for v in verdicts if v.slot is not None and v.slot.key == total_key and v.claim.kind == "amount"]
        lines: dict[str, object] = {}
        for v in verdicts:
            m = _ITEM.match(v.slot.key) if v.slot is not None else None
            if m and m.group(2) == which and v.claim.kind == "amount":
                lines.setdefault(v.slot.key, v)
        codes = [k.split(".")[1] for k in lines]
        # lines of one level only (类 lines or 项 lines), so nothing is counted twice
        if len(lines) < 2 or not totals or len({len(c) for c in codes}) != 1:
            continue
        if any(v.status == WRONG for v in list(lines.values()) + totals):
            continue
        total = totals[0]
        got = sum(Decimal(v.claim.value) for v in lines.values())
        stated = Decimal(total.claim.value)
        diff = abs(got - stated)
        if diff == 0:
            continue
        severity = NOTE if diff <= Decimal("0.05") else CONTRADICTION
        out.append(Issue(TEXT_SUM, f"{word}合计写{stated}万元，其后逐项列出的{len(lines)}个科目{word}之和为{got}万元，"
                                   f"相差{diff}万元" + ("（尾数）" if severity == NOTE else ""),
                         total.claim.quote(), total.claim.page, total.claim.paragraph, REF_TEXT, severity))
    return out
