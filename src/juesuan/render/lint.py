"""Text lint: sentences a reviewer would strike, found in the generated text before it is written.

Runs on every render (``render.document.build_document`` turns each hit into a 警告 naming the
section) and in ``make-report templates check`` (every template against every bundled example).
The tests render every example under the default settings and under the settings that imitate
each published seed, and fail on any hit.

What is looked for (each hit is one short Chinese message):

* template leftovers (``{{``, ``{%``), program values (None, Decimal(…)), blank amounts or
  percentages, ``0.00``, too many decimals, repeated punctuation (``：。``, ``。。``);
* a change of 0 written as a change (增加0万元, 上升0%);
* a rate over a zero base: a percentage of something the same paragraph says is 0万元
  (年初预算为0万元 … 完成年初预算的0%; 政府采购支出总额0万元 … 占政府采购支出总额的0%);
* doubled words from joining text (主要成效是一是…, 是：一是…, 职工服务项目项目, 万元万元);
* a sentence without a subject (…0万元。较上年持平。);
* an empty goal line (年度绩效目标1： with nothing after it);
* mixed precision in one sentence when trailing zeros are kept (上升77.20% beside 5.1%), and
  trailing zeros kept in one place but dropped in another (97.30% beside 100%, 设置 S02);
* a 较上年/与上年持平 reason with no comparison with the prior year before it;
* a direction word that disagrees with its figure (完成94.2% … 决算数大于预算数; 增加-5万元), 的的;
* a reason after a sentence that compares nothing (…支出118.46万元。主要原因是：…) and a completion
  rate over a zero 决算 (支出0万元，完成年初预算的100%);
* wording a reviewer strikes: 较上年持平 (与上年持平), 持平 twice in a sentence, 全面开展 beside a
  coverage under 100%, a 20-point sub-score printed as 绩效自评得分 or 综合得分;
* across 第三部分: “各项目均按计划完成” beside a project far from its budget; 部门决算 and 单位决算
  in one report (one caliber per report);
* a group of shares (…万元，占本年收入X%; 五（二）的“占X%”) in which a larger amount has a
  smaller share, equal amounts have different shares, or the shares do not add up to 100.

Narrative paragraphs (第三部分) get every check; other text (第一、四、五、六部分, table cells)
gets the checks that cannot misfire on labels such as “单位：万元”.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.textnorm import ENUMERATION
from juesuan.spec.finding_ids import title_of

_CJK = "\u4e00-\u9fff"

# (pattern, message): checks that are safe on any text
_ANY = (
    (re.compile(r"\{\{|\{%|\{#|%\}|\}\}"), "残留模板语法"),
    (re.compile(r"万元万元"), "重复的“万元万元”"),
    (re.compile(r"：。|:。"), "冒号后直接句号（内容为空）"),
    (re.compile(r"(?<![A-Za-z])(?:None|nan|True|False)(?![A-Za-z])|Decimal\("), "印出了程序值"),
    (re.compile(r"项目项目"), "词语重复（“项目项目”）"),
    (re.compile(rf"是[：:]?{ENUMERATION}"), "词语重复（“是一是”“是：1.”）"),
    (re.compile(rf"主要[{_CJK}]{{0,6}}?[是为][：:]?主要"), "词语重复（“主要…是主要…”）"),
    (re.compile(r"年度绩效目标[\d一二三四五六七八九十]*[：:](?:（[^）]*）)?\s*$"), "绩效目标为空"),
)

# checks for narrative sentences only
_NARRATIVE = (
    (re.compile(r"(?<![\d])万元"), "金额为空（“万元”前没有数字）"),
    (re.compile(r"(?<![\d.])0\.00(?!\d)(?!%)"), "金额写成了 0.00"),
    (re.compile(r"(?:增加|减少)0(?:\.0+)?(?:万元|%)|(?:上升|下降|增长|降低)0(?:\.0+)?%"), "写了零变动（增加0 / 下降0%）"),
    (re.compile(r"(?<![\d])%"), "百分比为空（“%”前没有数字）"),
    (re.compile(r"主要原因(?:是|为)?[：:]?[。，；]|主要原因(?:是|为)?[：:]?$"), "原因为空"),
    (re.compile(r"[。，；、：]{2,}"), "标点重复或空槽位"),
    (re.compile(r"\d\.\d{3,}(?:万元|%)"), "小数位过多"),
    (re.compile(r"(?:^|[。；])较上年"), "句子缺主语（“较上年…”接在句号之后）"),
    (re.compile(r"较(?:上年|\d{4}年)度?(?:决算数?)?持平"), "“较上年持平”应为“与上年持平”"),
    (re.compile(r"(?<!目)的的(?!确)"), "词语重复（“的的”）"),
    (re.compile(r"(?:增加|减少|上升|下降|增长|降低)-\d"), "升降词后写了负数（方向词与符号重复或矛盾）"),
    (re.compile(r"(?<![\d.])0(?:\.0+)?万元，完成[^。，；%]{0,12}?的(?!0(?:\.0+)?%)\d+(?:\.\d+)?%"), "决算为0万元却写了完成预算的百分比（0÷0）"),
)

_FLAT_TWICE = re.compile(r"持平[^。]*持平")
_COVERAGE = re.compile(r"全面开展[^。]*?占[^。]*?(\d+(?:\.\d+)?)%")
_SCORE = re.compile(r"(?:绩效自评得分为|综合得分(?:为)?)(\d+(?:\.\d+)?)分")
_TRAILING_ZERO = re.compile(r"(?<![\d.])\d+\.\d*0%")
_DONE_RATE = re.compile(r"完成(?:年初|全年)?预算的(\d+(?:\.\d+)?)%")
_ALL_DONE = re.compile(r"(?:各|所有|全部)(?:个)?项目[^。；，]{0,8}?(?:均|都|全部)?按(?:照)?计划(?:完成|实施|执行)"
                       r"|均(?:已)?按(?:照)?计划(?:完成|实施|执行)")
FAR_FROM_PLAN = Decimal(95)  # a completion under this is not “按计划完成” (偏差阈值 5, the default)

_ZERO_NAMED = re.compile(rf"([{_CJK}]+?)(?:为|是)?0万元")
_RATE_OF = re.compile(rf"(?:占|完成)([{_CJK}]{{2,20}}?)的?(\d+(?:\.\d+)?)%")
_PERCENT = re.compile(r"(\d+(?:\.(\d+))?)%")
_SHARE = re.compile(r"(\d+(?:\.\d+)?)万元，占(本年收入|本年支出|)(\d+(?:\.\d+)?)%")


def _stem(name: str, tails: str) -> str:
    while name and name[-1] in tails:
        name = name[:-1]
    return name


def _zero_base(text: str) -> list[tuple[str, int]]:
    """A percentage 占/完成 of something the same paragraph gives as 0万元 (its base is zero)."""
    zeros = [_stem(m.group(1), "为是数") for m in _ZERO_NAMED.finditer(text)]
    out = []
    for m in _RATE_OF.finditer(text):
        base = m.group(1)
        for suffix in ("金额", "数"):
            if base.endswith(suffix) and len(base) > len(suffix) + 1:
                base = base[: -len(suffix)]
        if any(z.endswith(base) for z in zeros if z):
            out.append((f"比率的分母为0（“{m.group(0)}”，{base}为0万元）", m.start()))
    return out


def _mixed_precision(text: str) -> list[tuple[str, int]]:
    """Kept trailing zeros (S02 = 是) mean one number of decimals for every percentage."""
    out = []
    start = 0
    for sentence in text.split("。"):
        places = {len(m.group(2)) for m in _PERCENT.finditer(sentence) if m.group(2)}
        if len(places) > 1:
            out.append(("同一句中百分比的小数位数不一致", start))
        start += len(sentence) + 1
    return out


_COMPARED = re.compile(r"增加|减少|上升|下降|增长|持平|完成|大于|小于|等于|超过|低于|高于|节约|结余|相比|较")


def _orphan_reason(text: str) -> list[tuple[str, int]]:
    """A “主要原因” whose sentence and the sentence before it compare nothing (“支出118.46万元。
    主要原因是：…”, “收入合计465.38万元，主要原因是…” with no 上年数): the reason explains a change or
    deviation the text does not state."""
    out = []
    for m in re.finditer("主要原因", text):
        head = text[:m.start()]
        cut = head.rfind("。")
        before = head[head.rfind("。", 0, cut) + 1:] if cut >= 0 else head
        if not _COMPARED.search(before):
            out.append(("原因没有所附的比较（未写增减或完成情况）", m.start()))
    return out


_RATE_THEN_WAY = re.compile(r"完成[^。，；%]{0,12}?的(\d+(?:\.\d+)?)%[^。]*?(大于|小于)")


_PRIOR_REASON = re.compile(r"(?:较上年(?:增加|减少)|与上年持平)的主要原因")
_PRIOR_STATED = re.compile(r"较上年|与上年|和上年|比上年")


def _wording(text: str) -> list[tuple[str, int]]:
    out = _orphan_reason(text)
    for m in _PRIOR_REASON.finditer(text):
        if not _PRIOR_STATED.search(text[:m.start()]):
            out.append(("写了与上年比较的原因，而前文没有与上年的比较", m.start()))
    for m in _RATE_THEN_WAY.finditer(text):
        rate, way = Decimal(m.group(1)), m.group(2)
        if (way == "大于" and rate < 100) or (way == "小于" and rate > 100):
            out.append((f"完成{rate}%却写“{way}”（方向与数不符）", m.start()))
    m = _FLAT_TWICE.search(text)
    if m:
        out.append(("一句中两次“持平”", m.start()))
    for m in _COVERAGE.finditer(text):
        if Decimal(m.group(1)) < 100:
            out.append((f"写“全面开展”而覆盖率只有{m.group(1)}%", m.start()))
    for m in _SCORE.finditer(text):
        if 0 < Decimal(m.group(1)) <= 20:
            out.append((f"{m.group(1)}分不是百分制得分（像是满分20分的预算执行得分）", m.start()))
    return out


def _precision(text: str, keep_zeros: bool) -> list[tuple[str, int]]:
    """设置 S02: kept trailing zeros mean one number of decimals in a sentence (77.20% beside
    89.69%, never 77.2%); dropped ones mean no 97.30%."""
    if keep_zeros:
        return _mixed_precision(text)
    kept = _TRAILING_ZERO.search(text)
    return [(f"百分比保留了尾零（{kept.group(0)}），而设置“百分比保留尾零”为否", kept.start())] if kept else []


def lint_report(paragraphs: list[str], other: list[str] = ()) -> list[str]:
    """Checks over the whole of 第三部分 (``paragraphs``) and the rest of the report (``other``)."""
    text = "\n".join(paragraphs)
    out = []
    claim = _ALL_DONE.search(text)
    if claim:
        low = [m.group(0) for m in _DONE_RATE.finditer(text) if Decimal(m.group(1)) < FAR_FROM_PLAN]
        if low:
            out.append(f"写“{claim.group(0)}”，而有项目{low[0]}")
    everything = text + "\n" + "\n".join(other)
    if "部门决算" in everything and re.search(r"(?<!下属)(?<!个)单位决算", everything):
        out.append("同一报告中既写“部门决算”又写“单位决算”（口径不一致）")
    return out


def _found(checks, text: str) -> list[tuple[str, int]]:
    out = []
    for rx, msg in checks:
        m = rx.search(text)
        if m:
            out.append((msg, m.start()))
    return out


def lint_text_at(text: str) -> list[tuple[str, int]]:
    """(message, where in the text) of the checks safe on any generated text."""
    return _found(_ANY, text)


def lint_paragraph_at(text: str, keep_zeros: bool = False) -> list[tuple[str, int]]:
    """(message, where in the text) of every problem of one generated narrative paragraph;
    ``keep_zeros`` is 设置 S02 百分比保留尾零."""
    found = _found(_ANY, text) + _found(_NARRATIVE, text) + _zero_base(text) + _precision(text, keep_zeros) + \
        _wording(text)
    if text and text[-1] not in "。：":
        found.append(("段落没有以“。”结尾", len(text) - 1))
    return found


def lint_text(text: str) -> list[str]:
    """Checks safe on any generated text (labels, table cells, 第一、四、五、六部分)."""
    return [msg for msg, _ in lint_text_at(text)]


def lint_paragraph(text: str, keep_zeros: bool = False) -> list[str]:
    """Problems a reader would see in one generated narrative paragraph (empty list = none)."""
    return [msg for msg, _ in lint_paragraph_at(text, keep_zeros)]


def lint_shares(paragraphs: list[str]) -> list[str]:
    """The groups of shares of one section: order kept, ties equal, sum exactly 100."""
    groups: dict[str, list[tuple[Decimal, Decimal]]] = {}
    for text in paragraphs:
        for m in _SHARE.finditer(text):
            groups.setdefault(m.group(2), []).append((Decimal(m.group(1)), Decimal(m.group(3))))
    out = []
    for label, items in groups.items():
        what = f"占{label}" if label else "占比"
        if sum((s for _, s in items), Decimal(0)) != 100:
            out.append(f"{what}之和不是100%（{'+'.join(str(s) for _, s in items)}）")
        for a, sa in items:
            for b, sb in items:
                if a > b and sa < sb:
                    out.append(f"{what}顺序颠倒：{a}万元占{sa}%，而较小的{b}万元占{sb}%")
                elif a == b and sa != sb and (b, sb) > (a, sa):
                    out.append(f"{what}不一致：同为{a}万元，占{sa}%与{sb}%")
    return out


@dataclass(frozen=True)
class Hit:
    where: str  # 第三部分“一、收入支出决算总体情况说明” …
    message: str
    text: str
    at: int = 0  # where in ``text`` the problem is

    def line(self) -> str:
        """The message with up to 60 characters of the text around the problem."""
        start = max(0, min(self.at - 20, len(self.text) - 60))
        excerpt = self.text[start:start + 60]
        excerpt = ("…" if start > 0 else "") + excerpt + ("…" if start + 60 < len(self.text) else "")
        return f"{self.where}：{self.message}" + (f"：{excerpt}" if self.text else "")


def lint_section(where: str, paragraphs: list[str], keep_zeros: bool = False) -> list[Hit]:
    """Every hit of one narrative section."""
    hits = [Hit(where, msg, p, at) for p in paragraphs for msg, at in lint_paragraph_at(p, keep_zeros)]
    hits += [Hit(where, msg, "") for msg in lint_shares(paragraphs)]
    return hits


def lint_blocks(blocks: list, keep_zeros: bool = False) -> list[Hit]:
    """Every hit in a report's blocks: 第三部分 paragraphs get the narrative checks, section by
    section; other paragraphs and table cells the checks safe on any text."""
    from juesuan.render.docx import styles as S
    from juesuan.render.blocks import Heading, Para, TableBlock
    hits: list[Hit] = []
    part, heading = "", ""
    narrative = False
    current: list[str] = []
    narrative_text: list[str] = []
    other_text: list[str] = []

    def flush():
        if narrative and current:
            hits.extend(lint_section(f"{part}“{heading}”", current, keep_zeros))
            narrative_text.extend(current)
        current.clear()

    for b in blocks:
        if isinstance(b, Heading):
            flush()
            if b.level == 1:
                part, heading = b.text.split(" ")[0], b.text
                narrative = part == "第三部分"
            else:
                heading = b.text
            hits.extend(Hit(f"{part}“{heading}”", msg, b.text, at) for msg, at in lint_text_at(b.text))
            other_text.append(b.text)
        elif isinstance(b, Para):
            if narrative and b.style == S.NORMAL:
                current.append(b.text)
            else:
                hits.extend(Hit(f"{part}“{heading}”", msg, b.text, at) for msg, at in lint_text_at(b.text))
                other_text.append(b.text)
        elif isinstance(b, TableBlock):
            for row in b.grid.rows:
                for cell in dict.fromkeys(str(c) for c in row if c):
                    hits.extend(Hit(f"{part}“{heading}”表格", msg, cell, at) for msg, at in lint_text_at(cell))
    flush()
    hits += [Hit("全文", msg, "") for msg in lint_report(narrative_text, other_text)]
    return hits


def findings(hits: list[Hit]) -> list:
    """The hits as 警告 findings for the render output."""
    from juesuan.model.findings import WARNING, Finding
    return [Finding("R-LINT", WARNING, h.line(), hint="请检查对应的填写内容或模板", title=title_of("R-LINT"))
            for h in hits]
