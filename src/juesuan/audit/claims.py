"""Every checkable figure a paragraph of 第三部分 states: amounts, changes, rates, shares, completion
rates, counts, scores and 截至 dates, each with the words in front of it.

A claim is a number with its unit and its *left context* (the words since the previous number of the
paragraph).  What the number is about is decided later (``match``) from that context.  Two kinds of text
are masked first so that their numbers are not taken for claims: the workbook's own free text (reasons,
project effects, summaries: the renderer copies them verbatim) and, in hand-written reports, the clause
after 主要原因是/主要成效是… up to the end of the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

UP_WORDS = ("增加", "上升", "增长", "提高", "增幅")
DOWN_WORDS = ("减少", "下降", "降低", "减幅", "下降了", "减少了")
_NUM = r"(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"  # 1,756.30 as some reports print it
_TOKEN = re.compile(
    r"截[至止](?P<dy>\d{4})年(?P<dm>\d{1,2})月(?P<dd>\d{1,2})日"
    r"|(?<=[为是])(?P<blank>万元)"  # 「支出决算为万元」: the number was left out
    rf"|{_NUM}(?P<unit>万元|亿元|元|%|％|个|辆|台（套）|台\(套\)|人次|分(?![之钟]))")
# Clauses whose numbers are explanation, not figures of the tables (up to the end of the sentence;
# a project's effect ends at the 「；」 that starts the next project).
_LEADS = (
    (re.compile(r"(?:主要)?原因(?:是|为|主要是|如下)?[：:，,]?"), "。"),
    (re.compile(r"主要成效(?:是|为)?[：:]?"), "；;。"),
    (re.compile(r"主要产出和效益(?:是|为)?[：:]?"), "。"),
    (re.compile(r"发现的问题及原因[：:]"), "。"),
    (re.compile(r"下一步改进措施[：:]"), "。"),
    (re.compile(r"主要是用于"), "。"),
)
_BOILERPLATE = (re.compile(r"单位价值\d+万元以上"), re.compile(r"\d+周岁"))
MASK = "\u2592"  # stands for masked text; never part of a claim


@dataclass
class Claim:
    section: str  # section id (s01 …), s13_x grouped as s13
    paragraph: int  # index of the paragraph in the report
    text: str  # the paragraph
    start: int  # position of the number in the paragraph
    end: int
    raw: str  # the number as printed, with its unit: 「36.60元」
    value: Decimal | str  # Decimal, or 'YYYY-MM-DD' for a date
    unit: str  # 万元 / 元 / 亿元 / % / 个 / 辆 / 台（套） / 人次 / 分 / date
    places: int  # decimals printed
    kind: str  # amount / change / rate / share / completion / percent / count / score / date / blank
    left: str  # words since the previous number (masked text removed)
    direction: str | None = None  # up / down for change and rate
    parent: int | None = None  # index (in the section's claims) of the amount a derived claim belongs to
    notes: list[str] = field(default_factory=list)
    page: int | None = None  # the page the paragraph starts on (None: unknown)

    @property
    def sentence(self) -> str:
        """The sentence the number is in (between 。 marks), for quoting."""
        s = self.text.rfind("。", 0, self.start) + 1
        e = self.text.find("。", self.end)
        return self.text[s:(e + 1 if e >= 0 else len(self.text))]

    def quote(self, before: int = 45, after: int = 15) -> str:
        """The sentence, shortened around the number when long (a 六 sentence lists twenty amounts)."""
        sentence = self.sentence
        s = self.text.rfind("。", 0, self.start) + 1
        a, b = self.start - s, self.end - s
        if len(sentence) <= before + after + (b - a) + 10:
            return sentence
        lo, hi = max(0, a - before), min(len(sentence), b + after)
        return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


def section_key(sid: str) -> str:
    return "s13" if sid.startswith("s13") else sid


def mask(text: str, literals: list[str]) -> str:
    """The paragraph with workbook text and explanation clauses replaced by MASK characters (same length,
    so positions still point into the printed paragraph)."""
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            chars[k] = MASK

    for lit in literals:
        start = 0
        while lit and (k := text.find(lit, start)) >= 0:
            blank(k, k + len(lit))
            start = k + len(lit)
    for pattern, stops in _LEADS:
        for m in pattern.finditer(text):
            ends = [e for e in (text.find(c, m.end()) for c in stops) if e >= 0]
            blank(m.end(), min(ends) if ends else len(text))
    for pattern in _BOILERPLATE:
        for m in pattern.finditer(text):
            blank(m.start(), m.end())
    return "".join(chars)


def _direction(left: str) -> str | None:
    tail = left[-4:]
    if any(w in tail for w in DOWN_WORDS):
        return "down"
    if any(w in tail for w in UP_WORDS):
        return "up"
    return None


def _percent_kind(left: str) -> str:
    if "完成" in left or "执行率" in left:
        return "completion"
    if _direction(left):
        return "rate"
    if "占" in left:
        return "share"
    return "percent"


def extract(section: str, paragraph: int, text: str, literals: list[str]) -> list[Claim]:
    """The claims of one paragraph, in reading order, derived claims linked to their amount."""
    masked = mask(text, literals)
    out: list[Claim] = []
    prev_end = 0
    last_amount: int | None = None
    for m in _TOKEN.finditer(masked):
        left = masked[prev_end:m.start()].replace(MASK, "")
        prev_end = m.end()
        if m.group("blank"):
            out.append(Claim(section, paragraph, text, m.start(), m.end(), text[m.start():m.end()], "", "万元", 0,
                             "blank", left))
            continue
        if m.group("dy"):
            value = f"{int(m.group('dy')):04d}-{int(m.group('dm')):02d}-{int(m.group('dd')):02d}"
            out.append(Claim(section, paragraph, text, m.start(), m.end(), text[m.start():m.end()], value, "date",
                             0, "date", left))
            continue
        number, unit = m.group("num").replace(",", ""), m.group("unit").replace("％", "%").replace("(", "（").replace(")", "）")
        places = len(number.split(".")[1]) if "." in number else 0
        value = Decimal(number)
        if unit in ("万元", "元", "亿元"):
            direction = _direction(left)
            kind = "change" if direction else "amount"
        elif unit == "%":
            kind = _percent_kind(left)
            direction = _direction(left) if kind == "rate" else None
        elif unit == "分":
            kind, direction = "score", None
        else:
            kind, direction = "count", None
        claim = Claim(section, paragraph, text, m.start(), m.end(), text[m.start():m.end()], value, unit, places,
                      kind, left, direction)
        if kind in ("change", "rate", "share", "completion"):
            claim.parent = last_amount
        out.append(claim)
        if kind == "amount":
            last_amount = len(out) - 1
    return out
