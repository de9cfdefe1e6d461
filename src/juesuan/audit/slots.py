"""What a report may state, with the value the workbook gives it: one ``Slot`` per figure.

A slot says which words introduce the figure (``role``, matched at the end of the words before the number),
which names must appear earlier in the paragraph when several lines share those words (``entity``: the
科目 path of a 五（三） line, the project of a 十三 line), the value, the cell it comes from, and for a
rate its numerator and denominator (to judge a printed rate at its own precision and to say which wrong
base it was divided by).  Slots are built from :func:`juesuan.figures.compute`, the numbers the renderer
prints, by :mod:`.expected`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

# Words that may stand between the subject and its number: 「年初预算为」「收、支总计均为」「（项）」「占…的」.
FILLER = r"(?:（[类款项]）|\([类款项]\)|支出|[为是均共计达约合：:的各])*"


def role(*alternatives: str) -> re.Pattern:
    """A subject that must end the words before the number (regex alternatives, already escaped)."""
    return re.compile(r"(?:" + "|".join(alternatives) + r")" + FILLER + r"$")


def name_role(*names: str) -> re.Pattern:
    """role() for literal names (科目, 款, project names from the workbook)."""
    return role(*(re.escape(n) for n in names if n))


@dataclass
class Slot:
    key: str  # unique: 's01.grand', 's01.grand.change' …
    section: str  # s01 … s14 (s13 for all of 十三), '*' for any section
    kind: str  # amount / change / rate / share / completion / count / score / date
    label: str  # what it is, in words: 「收、支总计」
    value: Decimal | int | str | None  # None: the renderer prints no such figure (a rate over 0)
    cell: str  # where it comes from: 「公开01表!C36」, 「公开05表!C8 ÷ 项级预算!C5」
    role: re.Pattern | None = None
    entity: tuple[str, ...] = ()  # names; the last one (most specific) must appear before the number
    after: re.Pattern | None = None  # words that must follow the number (「个一级项目」)
    unit: str | None = None  # for counts: 个 / 辆 / 人次 / 台（套）
    parent: str | None = None  # the amount slot a change / rate / share / completion belongs to
    direction: str | None = None  # up / down / flat (changes and their rates)
    num: Decimal | None = None  # rate = num ÷ den × 100
    den: Decimal | None = None
    num_label: str = ""
    den_label: str = ""
    sangong: bool = False  # 0 ÷ 0 may be written 100% (三公, 零分母比率写法)
    alternatives: list[tuple[str, Decimal]] = field(default_factory=list)  # wrong bases seen in real reports
    base: str | None = None  # a change / rate: against the prior year ("prior") or the budget ("budget")
    subject: re.Pattern | None = None  # words naming the figure's subject; in the claim's own sentence they win
    also: tuple[str, ...] = ()  # other sections whose text may state this figure (三公 总体 / 具体)
    # a total that a paragraph about one 科目 (「…（项）。年初预算为…」) does not state, unless its own
    # sentence names the total's subject
    not_after: re.Pattern | None = None
    elsewhere: list[tuple[str, Decimal]] = field(default_factory=list)  # the same figure in another table

    def named_in(self, sentence: str) -> bool:
        """The claim's own sentence names this figure's subject or its entity."""
        if self.subject is not None and self.subject.search(sentence):
            return True
        return bool(self.entity) and bool(self.entity_score(sentence))

    def entity_score(self, before: str) -> int | None:
        """None when the entity is required and absent; else how much of it appears (longer = closer)."""
        if not self.entity:
            return 0
        names = [n for n in self.entity if n]
        last = names[-1]
        if last not in before and _loose(last) not in before:
            return None
        return sum(len(n) for n in names if n in before or _loose(n) in before)


def _loose(name: str) -> str:
    """A 科目 name as reports shorten it: without the trailing 支出 (「社会保障和就业」)."""
    return name[:-2] if name.endswith("支出") and len(name) > 4 else name


def ratio(num: Decimal | None, den: Decimal | None) -> Decimal | None:
    if num is None or den is None or den == 0:
        return None
    return Decimal(num) * 100 / Decimal(den)
