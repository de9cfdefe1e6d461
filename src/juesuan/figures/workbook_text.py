"""Workbook text as the narrative uses it: reasons parsed into lines, text cut to fit inside a
sentence or printed as paragraphs of its own.  Workbook text is data: it is never evaluated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.model.report import Report
from juesuan.model.textnorm import ENUMERATION, ENUMERATION_RE
from juesuan.figures.options import doc


@dataclass(frozen=True)
class Reason:
    """Reason text from the workbook (inserted literally, never evaluated)."""
    lines: tuple[str, ...] = doc("原因，每条一项（已去掉末尾的。；和序号）", default=())
    source: str = doc("来源编号，如 R01；沿用默认值时为被沿用的编号", default="")

    def __bool__(self) -> bool:
        return bool(self.lines)

    @property
    def is_list(self) -> bool:
        return len(self.lines) > 1


_ORDINAL = ENUMERATION_RE  # juesuan.model.textnorm: the one definition
_LEAD = re.compile(r"^主要原因(?:是|为)?[：:]?\s*")
_TAIL = "。；;，,.、 \t"


def text_lines(raw) -> tuple[str, ...]:
    """Non-empty stripped lines of a workbook text cell."""
    if raw is None:
        return ()
    return tuple(s.strip() for s in str(raw).replace("\r\n", "\n").replace("\r", "\n").split("\n") if s.strip())


_NEXT_ORDINAL = re.compile(rf"[；;]\s*(?={ENUMERATION})")


def _split_enumerated(lines: tuple[str, ...]) -> tuple[str, ...]:
    """「一是A；二是B。」 written on one line is two reasons, like two lines would be."""
    out: list[str] = []
    for line in lines:
        body = _LEAD.sub("", line)
        out.extend(_NEXT_ORDINAL.split(body) if _ORDINAL.match(body) else [line])
    return tuple(out)


def parse_reason(raw, source: str = "") -> Reason:
    """One reason per line (or per 「一是…；二是…」 item); a trailing 。；, a leading 一是/1. and a
    leading 主要原因是 are dropped because the sentence around it supplies them (W6: never
    「。。」, never 「主要原因是一是」)."""
    lines = []
    raw_lines = _split_enumerated(text_lines(raw))
    for line in raw_lines:
        line = _LEAD.sub("", line)
        if len(raw_lines) > 1 or _ORDINAL.match(line):
            line = _ORDINAL.sub("", line)
        line = line.rstrip(_TAIL).strip()
        if line:
            lines.append(line)
    return Reason(tuple(lines), source if lines else "")


def sentence_text(raw) -> str:
    """A workbook text used inside a sentence: lines joined with ；, trailing 。；, dropped (the
    template ends the sentence)."""
    out = ""
    for line in text_lines(raw):
        if out and out[-1] not in "。；;，,：:！？、":
            out += "；"
        out += line
    return out.rstrip(_TAIL).strip()


def paragraph_lines(raw) -> tuple[str, ...]:
    """A workbook text printed as paragraphs of its own: one per line, each ending a sentence."""
    out = []
    for line in text_lines(raw):
        if line[-1] not in "。！？":
            line = line.rstrip("；;，,、:：") + "。"
        out.append(line)
    return tuple(out)


def reason_for(report: Report, fid: str, fallbacks: tuple = (), changed: bool = True,
               direction: str | None = None) -> Reason:
    """The reason the text prints: the field's own text always; a default (R03 → R01 …) only
    when there is a change to explain.  A fallback given as (field, its direction) is borrowed only
    when that comparison went the same way as this one (``direction``): R04 explains why the
    财政拨款 total rose and is never printed after “一般公共预算财政拨款收入…减少37.95万元”."""
    own = parse_reason(report.supp.get(fid), fid)
    if own or not changed:
        return own
    for fb in fallbacks:
        fb, fb_direction = fb if isinstance(fb, tuple) else (fb, None)
        if direction is not None and fb_direction != direction:
            continue
        r = parse_reason(report.supp.get(fb), fb)
        if r:
            return r
    return Reason()
