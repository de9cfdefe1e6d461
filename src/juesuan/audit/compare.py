"""Match each claim to its slot and judge it at the precision it was printed with.

* An amount is right when equal; a difference of exactly 0.01 万元 is 尾数 (listed, not a contradiction).
  「元」 and 「亿元」 are converted; a 万元 figure printed with 「元」 is a contradiction even if the digits agree.
* A percentage printed with p decimals is right when the exact ratio rounds (ROUND_HALF_UP) to it, or when it
  is the renderer's own value (F4 bounds); a share may also be one last-digit unit away (largest remainder,
  F3).  Over a zero base a completion rate may be written 0%, and 100% for 0 ÷ 0 (零分母比率写法).
* A change must also go the right way (增加/上升 vs 减少/下降).
* A wrong percentage is explained when another figure of the report makes it: a wrong denominator
  (「37.2% = 147.83 ÷ 397.33（本年支出合计），应除以一般公共预算项目支出 147.83，为 100%」) or a wrong numerator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from juesuan.model.money import fmt_amount, fmt_percent, unit
from juesuan.audit.claims import DOWN_WORDS, UP_WORDS, Claim
from juesuan.audit.slots import Slot, ratio

RIGHT, TAIL, WRONG, UNMATCHED, UNVERIFIABLE = "正确", "尾数", "矛盾", "未匹配", "无从核对"
DERIVED = ("change", "rate", "share", "completion")
WORDS = {"up": "增加/上升", "down": "减少/下降", "flat": "持平"}


@dataclass
class Verdict:
    claim: Claim
    status: str  # 正确 / 尾数 / 矛盾 / 未匹配
    slot: Slot | None = None
    correct: str = ""  # the right value as the renderer prints it
    note: str = ""

    def as_dict(self) -> dict:
        c, s = self.claim, self.slot
        return {"status": self.status, "section": c.section, "paragraph": c.paragraph + 1, "page": c.page,
                "sentence": c.sentence,
                "claimed": c.raw, "kind": c.kind, "subject": s.label if s else None, "correct": self.correct or None,
                "cell": s.cell if s else None, "note": self.note or None}


# ---------------------------------------------------------------------------------------- matching
def _role_ok(slot: Slot, claim: Claim) -> int | None:
    if slot.role is None:
        return 0
    m = slot.role.search(claim.left)
    return len(m.group(0)) if m else None


def _primary(claim: Claim, slots: list[Slot]) -> Slot | None:
    before = claim.text[:claim.start]
    after = claim.text[claim.end:]
    sentence = before[before.rfind("。") + 1:]
    best, best_key = None, None
    for s in slots:
        if s.parent is not None or s.kind != claim.kind:
            continue
        if s.unit and s.unit != claim.unit:
            continue
        if s.role is None and s.after is None and s.kind != "date":
            continue  # a count known only by its entity (人次) needs the entity
        r = _role_ok(s, claim)
        if r is None or (s.after is not None and not s.after.match(after)):
            continue
        if s.not_after is not None and s.not_after.search(before) and not s.named_in(sentence):
            continue
        e = s.entity_score(before)
        if e is None:
            continue
        if s.role is None and s.after is None and not e:
            continue
        # the slot the claim's own sentence names first (「一般公共预算财政拨款支出年初预算为…」 is the total even
        # when a 类 was named in an earlier sentence), then the most of its entity, then the longest role
        key = (s.named_in(sentence), e, r)
        if best_key is None or key > best_key:
            best, best_key = s, key
    return best


def _people(claim: Claim, slots: list[Slot]) -> Slot | None:
    """人次 counts are known by the paragraph they are in (出国 / 外宾 / 国内)."""
    before = claim.text[:claim.start]
    found = [(s.entity_score(before) or 0, s) for s in slots
             if s.kind == "count" and s.unit == claim.unit and s.role is None and s.after is None]
    found = [x for x in found if x[0]]
    return max(found, key=lambda x: x[0])[1] if found else None


def _strip_verb(left: str) -> str:
    for w in sorted(UP_WORDS + DOWN_WORDS, key=len, reverse=True):
        if left.endswith(w):
            return left[: -len(w)]
    return left


_PRIOR_WORDS = re.compile(r"上年|\d{4}年|同期")


def wanted_base(left: str) -> str | None:
    """What a change is measured against, by its own words: 「比2019年度增加」 → prior, 「比年初预算增加」 → budget."""
    if _PRIOR_WORDS.search(left):
        return "prior"
    if "预算" in left:
        return "budget"
    return None


def _rebase(slot: Slot | None, claim: Claim, slots: list[Slot], by_key: dict[str, Slot]) -> Slot | None:
    """The same figure's change against the base the sentence names, when the slot chosen has the other
    base (机关运行经费 has both: against 年初预算 and against the prior year); None when there is none."""
    want = wanted_base(claim.left)
    if slot is None or want is None or slot.base is None or slot.base == want:
        return slot
    parent = by_key.get(slot.parent or "")
    for s in slots:
        p = by_key.get(s.parent or "")
        if s.kind == slot.kind and s.base == want and p is not None and parent is not None and p.value == parent.value \
                and p.section == parent.section:
            return s
    return None


def match(claims: list[Claim], slots: list[Slot]) -> list[Slot | None]:
    """The slot of each claim of one paragraph (None: unmatched).

    A change, rate, share or completion belongs to an amount: the one named just before its verb
    (「本年支出增加14万元」), else the latest amount of the paragraph that has such a figure (「本年支出25万元，
    其中：基本支出0万元，项目支出25万元，比2023年度增加25万元」 → 本年支出)."""
    children: dict[tuple[str, str], Slot] = {(s.parent, s.kind): s for s in slots if s.parent}
    by_key = {s.key: s for s in slots}
    out: list[Slot | None] = []
    amounts: list[Slot] = []  # matched amounts of the paragraph, in order
    for c in claims:
        slot = None
        if c.kind == "date":
            slot = next((s for s in slots if s.kind == "date"), None)
        elif c.kind in ("amount", "count", "score"):
            slot = _primary(c, slots)
            if slot is None and c.kind == "count":
                slot = _people(c, slots)
            if slot is not None and c.kind == "amount":
                amounts.append(slot)
        else:
            kinds = (c.kind,) if c.kind != "percent" else ("share", "completion", "rate")
            role_based = [s for s in slots if s.kind in kinds and s.parent is None and s.role is not None
                          and _role_ok(s, c) is not None]
            named = None
            if c.kind in ("change", "rate"):
                bare = Claim(**{**c.__dict__, "left": _strip_verb(c.left), "kind": "amount"})
                named = _primary(bare, [s for s in slots if any((s.key, k) in children for k in kinds)])
            if role_based:
                slot = role_based[0]
            else:
                for parent in ([named] if named else []) + amounts[::-1]:
                    slot = next((children[(parent.key, k)] for k in kinds if (parent.key, k) in children), None)
                    if slot is not None:
                        if named is not None:
                            amounts.append(named)
                        break
            if c.kind in ("change", "rate"):
                rebased = _rebase(slot, c, slots, by_key)
                if rebased is not slot and rebased is not None:
                    amounts.append(by_key[rebased.parent])
                slot = rebased
        out.append(slot)
    return out


# ---------------------------------------------------------------------------------------- judging
def wan(claim: Claim) -> Decimal:
    v = Decimal(claim.value)
    return v / 10000 if claim.unit == "元" else v * 10000 if claim.unit == "亿元" else v


def _rounds_to(exact: Decimal, claimed: Decimal, places: int) -> bool:
    return exact.quantize(unit(places), rounding=ROUND_HALF_UP) == claimed


def show_correct(slot: Slot, opts) -> str:
    if slot.kind in ("amount", "change"):
        return fmt_amount(slot.value, opts.fixed_two) + "万元" if slot.value is not None else ""
    if slot.kind in ("rate", "share", "completion"):
        if slot.value is None:
            return "不写比率（分母为0）"
        return fmt_percent(slot.value, opts.places, opts.keep_zeros) + "%"
    if slot.kind == "date":
        y, m, d = str(slot.value).split("-")
        return f"{int(y)}年{int(m)}月{int(d)}日"
    if slot.kind == "score":
        return fmt_amount(slot.value) + "分"
    return f"{slot.value}{slot.unit or ''}"


def judge(claim: Claim, slot: Slot, opts, pool: list[tuple[str, Decimal]]) -> Verdict:
    correct = show_correct(slot, opts)
    v = Verdict(claim, RIGHT, slot, correct)
    if claim.kind in ("change", "rate") and slot.direction and claim.direction \
            and slot.direction != "flat" and claim.direction != slot.direction:
        v.status, v.note = WRONG, f"方向错误：写的是“{WORDS[claim.direction]}”，应为“{WORDS[slot.direction]}”"
        return v
    if slot.kind in ("amount", "change"):
        if slot.value is None:
            v.status, v.note = WRONG, "工作簿中没有这个数"
            return v
        diff = abs(wan(claim) - slot.value)
        if claim.unit != "万元" and Decimal(claim.value) == slot.value:
            v.status, v.note = WRONG, f"单位错误：写作“{claim.unit}”，应为“万元”"
        elif diff == 0:
            pass
        elif diff <= Decimal("0.01"):
            v.status, v.note = TAIL, "相差0.01万元（尾数差异）"
        else:
            v.status = WRONG
            if claim.unit != "万元":
                v.note = f"单位写作“{claim.unit}”"
            same = [cell for cell, value in slot.elsewhere if value == wan(claim)]
            if same:  # the text agrees with another table: the table behind the slot may be the wrong one
                v.note = f"与 {same[0]} 一致：请核对{slot.cell.split('!')[0].split(' ')[0]}是否有误"
        return v
    if slot.kind in ("count", "score", "date"):
        same = claim.value == slot.value if slot.kind == "date" else Decimal(claim.value) == Decimal(slot.value)
        if not same:
            v.status = WRONG
            if slot.kind == "date":
                v.note = "截至日期应为本年度12月31日"
        return v
    return _judge_rate(v, claim, slot, pool)


def _judge_rate(v: Verdict, claim: Claim, slot: Slot, pool) -> Verdict:
    claimed, places = Decimal(claim.value), claim.places
    if slot.value is not None and claimed == slot.value:
        return v
    exact = ratio(slot.num, slot.den)
    if exact is None:
        zero_ok = slot.kind in ("completion", "share") and (claimed == 0 or (claimed == 100 and slot.num == 0))
        if zero_ok:
            v.note = "分母为0，按“零分母比率写法”接受"
            return v
        v.status, v.note = WRONG, "分母为0，不能计算比率"
        return v
    if _rounds_to(exact, claimed, places):
        return v
    if slot.kind == "share" and abs(claimed - exact) < unit(places):
        v.note = "调平后的占比"
        return v
    v.status = WRONG
    v.note = diagnose(claim, slot, exact, v.correct, pool)
    return v


def _fmt(x: Decimal) -> str:
    return fmt_amount(x)


def diagnose(claim: Claim, slot: Slot, exact: Decimal, correct: str, pool: list[tuple[str, Decimal]]) -> str:
    """Which wrong base (or numerator) the printed percentage comes from, when one of the report's figures
    makes it; else the arithmetic of the right value."""
    claimed, tol = Decimal(claim.value), unit(claim.places)
    printed = claim.raw.rstrip("%％")
    right = f"{_fmt(slot.num)} ÷ {_fmt(slot.den)} = {exact.quantize(Decimal('0.0001'))}%"
    for label, d in list(slot.alternatives) + pool:
        if d and d != slot.den and abs(slot.num * 100 / d - claimed) < tol:
            return (f"{printed}% = {_fmt(slot.num)} ÷ {_fmt(d)}（{label}），应除以{slot.den_label} {_fmt(slot.den)}，"
                    f"为 {correct}")
    if slot.den:
        for label, n in pool:
            if n != slot.num and _rounds_to(Decimal(n) * 100 / slot.den, claimed, claim.places):
                return (f"{printed}% = {_fmt(n)}（{label}）÷ {_fmt(slot.den)}，应为{slot.num_label} {_fmt(slot.num)} ÷ "
                        f"{_fmt(slot.den)}，为 {correct}")
    return f"应为 {right}"


def amount_pool(slots: list[Slot]) -> list[tuple[str, Decimal]]:
    """Every amount of the report once (first label wins), for diagnose()."""
    seen: dict[Decimal, str] = {}
    for s in slots:
        if s.kind in ("amount", "change") and isinstance(s.value, Decimal) and s.value != 0 and s.value not in seen:
            seen[s.value] = s.label
    return [(label, value) for value, label in seen.items()]
