"""Fitting text into table cells and lines: column widths from the content, header labels
broken only between words, no lone last character in a label, balanced title lines.

Widths are estimated, not measured (no font is loaded): a Chinese character is one em wide
in every CJK font; Latin digits and letters are taken at 0.66 em, which covers Times New
Roman (0.5 em) and its usual stand-ins (Liberation Serif 0.5, DejaVu Serif 0.64).  The
estimate errs on the wide side so an amount or a code never wraps.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Words of the 公开表 headers and labels that must not be split across lines ("一般公/共预算"
# reads as nonsense).  Longest match first; characters outside every word break anywhere.
WORDS = (
    "国有资本经营预算", "政府性基金预算", "一般公共预算", "财政拨款", "上级补助", "附属单位", "人员经费",
    "公用经费", "公务接待费", "公务接待", "公务用车", "运行维护费", "运行维护", "购置费", "因公出国（境）费",
    "因公出国（境）", "出国（境）", "功能分类", "经济分类", "科目编码", "科目名称", "预算数", "决算数",
    "结转和结余", "结转", "结余", "年初", "年末", "本年", "收入", "支出", "合计", "小计", "总计", "事业",
    "经营", "其他", "基本", "项目", "上缴", "上级", "补助", "栏次", "行次", "金额", "单位", "社会保障",
    "机关运行", "行政运行", "一般行政管理事务", "事业运行", "住房公积金", "购房补贴", "提租补贴",
    "万元", "预算执行情况", "执行数", "执行率", "得分", "年度", "绩效", "指标", "目标", "完成值", "实际",
    "总额", "填报日期", "自评", "偏差", "原因", "改进措施",
)
_BY_FIRST: dict[str, list[str]] = {}
for _w in sorted(WORDS, key=len, reverse=True):
    _BY_FIRST.setdefault(_w[0], []).append(_w)
# Where a long word may still be broken when a narrow column needs it.
FINE = {"国有资本经营预算": ("国有资本", "经营预算"), "一般公共预算": ("一般公共", "预算"),
        "政府性基金预算": ("政府性基金", "预算"),
        "一般行政管理事务": ("一般行政", "管理事务"), "运行维护费": ("运行", "维护费"),
        "结转和结余": ("结转和", "结余"), "公务接待费": ("公务", "接待费"), "公务用车": ("公务", "用车"),
        "因公出国（境）费": ("因公", "出国（境）费")}

OPENING = "（(《“‘[【"
CLOSING = "）)》”’]】，。、；：！？,.;:!?%％"
CELL_PADDING_PT = 5.7 + 3.0  # w:tblCellMar left + right (57 twips each) and a safety margin


@lru_cache(maxsize=8192)
def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):  # "A": “”‘’…· are full width in CJK fonts
        return 1.0
    if ch == " ":
        return 0.3
    if ch in ".,:;'|!":
        return 0.34
    return 0.66


def text_pt(text: str, size_pt: float) -> float:
    return text_em(text) * size_pt


@lru_cache(maxsize=65536)
def text_em(text: str) -> float:
    """Width of ``text`` in em; cached, since the same labels and amounts recur in every table."""
    return sum(char_em(ch) for ch in text)


def words(text: str, fine: bool = False, dictionary: bool = True) -> list[str]:
    """See :func:`_words` (cached: the same labels, amounts and notes recur in every table)."""
    return list(_words(text, fine, dictionary))


@lru_cache(maxsize=65536)
def _words(text: str, fine: bool = False, dictionary: bool = True) -> tuple[str, ...]:
    """``text`` cut into pieces that may not be broken: dictionary words, Latin/digit runs,
    single characters; an opening bracket sticks to what follows it, closing punctuation to
    what precedes it.  ``fine``: long words split at their inner boundary (FINE).
    ``dictionary=False``: Chinese breaks between any two characters (long labels)."""
    if fine:
        return tuple(part for w in _words(text) for part in FINE.get(w, (w,)))
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        piece = next((w for w in _BY_FIRST.get(ch, ()) if text.startswith(w, i)), None) if dictionary else None
        if piece is None and ch.isascii() and not ch.isspace():
            j = i
            while j < len(text) and text[j].isascii() and not text[j].isspace():
                j += 1
            piece = text[i:j]
        piece = piece or ch
        if out and (piece[0] in CLOSING or out[-1][-1] in OPENING):
            out[-1] += piece
        else:
            out.append(piece)
        i += len(piece)
    return tuple(out)


def wrap(text: str, width_pt: float, size_pt: float, fine: bool = False, dictionary: bool = True) -> list[str]:
    """Greedy lines of at most ``width_pt``, broken between words (a word longer than a line
    is broken between its characters)."""
    lines: list[str] = []
    line = ""
    for word in words(text, fine, dictionary):
        if text_pt(line + word, size_pt) <= width_pt or not line:
            line += word
        else:
            lines.append(line)
            line = word
        while text_pt(line, size_pt) > width_pt and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and text_pt(line[:cut], size_pt) > width_pt:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line or not lines:
        lines.append(line)
    return [ln.strip() for ln in lines]


def no_orphan(lines: list[str], dictionary: bool = True) -> list[str]:
    """Move characters down so the last line is never a single character (or punctuation)."""
    if len(lines) < 2:
        return lines
    last, prev = lines[-1], lines[-2]
    while len(last.rstrip(CLOSING)) < 2 and len(prev) > 2:
        # keep a word whole: take the last word of the line above
        moved = words(prev, dictionary=dictionary)[-1]
        if len(moved) >= len(prev):
            break
        prev, last = prev[:-len(moved)], moved + last
    return lines[:-2] + [prev, last]


def two_line_pt(text: str, size_pt: float, fine: bool = False) -> float:
    """The narrowest width that sets ``text`` on at most two lines broken between words."""
    pieces = words(text, fine)
    if len(pieces) < 2:
        return text_pt(text, size_pt)
    return min(max(text_pt("".join(pieces[:k]), size_pt), text_pt("".join(pieces[k:]), size_pt))
               for k in range(1, len(pieces)))


MIN_TITLE_LINE = 4  # characters: a shorter line looks left behind ("五、" / "说明")


def balanced(text: str, width_pt: float, size_pt: float) -> list[str]:
    """A title on as few lines as it needs, broken where a reader expects it: before a number
    (the year), else after a space ("第三部分 …"), else between words with the two lines
    about equally long, so no one or two characters are left alone on the last line."""
    if text_pt(text, size_pt) <= width_pt:
        return [text]
    pieces = words(text)
    cuts = []
    at = 0
    for piece in pieces[:-1]:
        at += len(piece)
        cuts.append(at)
    preferences = (
        lambda i: text[i].isdigit() and not text[i - 1].isdigit(),
        lambda i: text[i - 1] == " " or text[i] == " ",
        lambda i: True,
    )
    for good in preferences:
        best: tuple[float, list[str]] | None = None
        for i in cuts:
            if not good(i):
                continue
            left, right = text[:i].rstrip(), text[i:].lstrip()
            if min(len(left), len(right)) < MIN_TITLE_LINE:
                continue
            wl, wr = text_pt(left, size_pt), text_pt(right, size_pt)
            if wl <= width_pt and wr <= width_pt and (best is None or max(wl, wr) < best[0]):
                best = (max(wl, wr), [left, right])
        if best is not None:
            return best[1]
    return no_orphan(wrap(text, width_pt, size_pt))  # three lines or more


def column_widths(cells: list[tuple[int, int, str, str]], ncols: int, col_kinds: list[str],
                  weights: list[int], total_twips: int, size_pt: float) -> tuple[list[int], bool]:
    """Column widths (twips) adding up to ``total_twips``.

    ``cells``: (first column, span, row kind, text) of every cell.  Each column gets at least
    what its unbreakable content needs (whole amounts and codes, 行次 on one line, the longest
    header word); label columns then get room up to their longest label; what is left is
    shared in proportion to ``weights``.  Also whether header words had to be split finer
    (FINE) to leave the label columns room."""
    widths, ok = _widths(cells, ncols, col_kinds, weights, total_twips, size_pt, False)
    if ok:
        return widths, False
    return _widths(cells, ncols, col_kinds, weights, total_twips, size_pt, True)[0], True


def _widths(cells, ncols, col_kinds, weights, total_twips, size_pt, fine) -> tuple[list[int], bool]:
    need = [0.0] * ncols
    want = [0.0] * ncols
    head = [0.0] * ncols  # what a header needs to fit on two lines
    for c, span, kind, text in cells:
        if span != 1 or not text:
            continue
        for line in text.split("\n"):
            col = col_kinds[c] if c < len(col_kinds) else "text"
            if kind in ("header", "lanci"):
                # a two-character header ("序号", "得分") is one word whatever the dictionary says
                longest = text_pt(line, size_pt) if len(line) <= 2 else max(text_pt(w, size_pt) for w in words(line, fine))
                need[c] = max(need[c], longest)
                head[c] = max(head[c], two_line_pt(line, size_pt, fine))
            elif col == "text":
                need[c] = max(need[c], min(text_pt(line, size_pt), 6 * size_pt))
                want[c] = max(want[c], text_pt(line, size_pt))
            else:
                need[c] = max(need[c], text_pt(line, size_pt))
    need = [n + CELL_PADDING_PT for n in need]
    head = [max(n, h + CELL_PADDING_PT) for n, h in zip(need, head)]
    want = [max(n, w + CELL_PADDING_PT) for n, w in zip(need, want)]
    some = [min(w, max(n, 12 * size_pt + CELL_PADDING_PT)) for n, w in zip(need, want)]
    total = total_twips / 20
    # Label columns should keep at least about 7 characters (or their longest label).
    labels = sum(min(w, 7 * size_pt + CELL_PADDING_PT) for w, k in zip(want, col_kinds) if k == "text")
    ok = sum(n for n, k in zip(need, col_kinds) if k != "text") + labels <= total
    weight = [max(1, w) for w in weights] if len(weights) == ncols else [1] * ncols
    if sum(need) >= total:  # cannot fit: shrink in proportion to need
        widths = [n * total / sum(need) for n in need]
    elif not any(k in ("amount", "code") for k in col_kinds):
        # a form of text columns (绩效自评表, 重点工作 table): the proportions of its layout blended
        # with how much text each column holds (a 实际完成值 of a few sentences must not run to 13
        # lines beside a half-empty label column), each column at least what its words need
        longest = [min(want[c], 40 * size_pt) for c in range(ncols)]
        if sum(longest) > 0:
            weight = [weight[c] / sum(weight) + longest[c] / sum(longest) for c in range(ncols)]
        fixed: dict[int, float] = {}
        while True:
            rest = total - sum(fixed.values())
            free = [c for c in range(ncols) if c not in fixed]
            share = {c: rest * weight[c] / sum(weight[k] for k in free) for c in free}
            short = {c: need[c] for c in free if share[c] < need[c]}
            if not short:
                break
            fixed.update(short)
        widths = [fixed.get(c, share.get(c, 0.0)) for c in range(ncols)]
    else:
        widths = list(need)
        slack = total - sum(widths)
        # labels up to 12 characters a line, headers on two lines, labels on one line
        for goal in (some, head, want):
            extra = [max(0.0, g - w) for g, w in zip(goal, widths)]
            if sum(extra) > 0 and slack > 0:
                share = min(1.0, slack / sum(extra))
                widths = [w + e * share for w, e in zip(widths, extra)]
                slack = total - sum(widths)
        if slack > 0:
            widths = [w + slack * k / sum(weight) for w, k in zip(widths, weight)]
    out = [int(w * 20) for w in widths]
    out[-1] += total_twips - sum(out)
    return out, ok


# Body text: would justification stretch a line?  Latin in the body is Times New Roman (digits
# 0.5 em); LibreOffice and Word put about a quarter em between Chinese and Latin text.
_BODY_LATIN = {".": 0.25, ",": 0.25, "%": 0.83, " ": 0.25}
AUTOSPACE_EM = 0.25
STRETCH_EM = 1.5  # a gap this wide spread over one line is what readers notice


def _body_em(piece: str, before: str = "") -> float:
    """Width in em of ``piece`` following the character ``before``: a quarter em at every
    change between Chinese and Latin/digits."""
    em = 0.0
    prev = before
    for ch in piece:
        wide = char_em(ch) == 1.0
        em += 1.0 if wide else _BODY_LATIN.get(ch, 0.5)
        if prev and (char_em(prev) == 1.0) != wide and ch != " " and prev != " ":
            em += AUTOSPACE_EM
        prev = ch
    return em


UNITS = ("万元", "元", "%", "人次", "个", "辆", "次", "分", "年度", "年", "月", "日", "人")


def _with_units(pieces: list[str]) -> list[str]:
    """A number and the unit after it are one piece: the writer joins them (writer.keep_units)."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        i += 1
        if piece and piece[-1].isdigit():
            rest = "".join(pieces[i:i + 3])
            unit = next((u for u in UNITS if rest.startswith(u)), "")
            taken = ""
            while unit and len(taken) < len(unit) and i < len(pieces):
                taken += pieces[i]
                i += 1
            piece += taken
        out.append(piece)
    return out


@lru_cache(maxsize=16384)
def stretches(text: str, width_pt: float, size_pt: float, indent_em: float = 2) -> bool:
    """Whether setting ``text`` justified leaves some line (not the last) short by more than
    STRETCH_EM because the number or Latin word that comes next did not fit."""
    line_em = width_pt / size_pt
    used, room = 0.0, line_em - indent_em
    before = ""
    for piece in _with_units(_words(text, dictionary=False)):
        em = _body_em(piece, before)
        before = piece[-1]
        if used + em <= room or used == 0:
            used += em
            continue
        # only a number or Latin word at the line's end counts: punctuation that may not start
        # a line costs a character or two, which CJK justification absorbs unnoticed
        if room - used > STRETCH_EM and any(char_em(ch) != 1.0 for ch in piece):
            return True
        used, room = em, line_em
    return False


def unit_runs_at_line_ends(text: str, width_pt: float, size_pt: float, indent_em: float = 2,
                           margin_em: float = 1.5) -> list[tuple[int, int]]:
    """(start, end) of each number-and-unit run (664.91万元) that comes to a line's end when
    ``text`` is set at ``width_pt``: one the layout might split (“664.91万/元”).  Only those get
    word joiners (writer.keep_units), so text elsewhere stays plain for searching and copying."""
    line_em = width_pt / size_pt
    used, room = 0.0, line_em - indent_em
    before = ""
    at = 0
    out = []
    for piece in _with_units(words(text, dictionary=False)):
        em = _body_em(piece, before)
        before = piece[-1]
        start, end = at, at + len(piece)
        at = end
        unit = piece[0].isdigit() and any(piece.rstrip("，。；、：）)").endswith(u) for u in UNITS)
        if used + em <= room or used == 0:
            if unit and (used == 0 or used + em > room - margin_em):
                out.append((start, end))
            used += em
            continue
        if unit:  # it starts the next line: near enough to the break to be split there
            out.append((start, end))
        used, room = em, line_em
    return out


@lru_cache(maxsize=16384)
def body_lines(text: str, width_pt: float, size_pt: float, indent_em: float = 2) -> int:
    """How many lines ``text`` takes set at ``width_pt`` (the first line indented): the page-fill
    estimate of render/chart_place.py, with the widths ``stretches`` uses."""
    line_em = width_pt / size_pt
    used, room, lines = 0.0, line_em - indent_em, 1
    before = ""
    for piece in _with_units(_words(text, dictionary=False)):
        em = _body_em(piece, before) - PUNCT_SQUEEZE * sum(ch in _SQUEEZED for ch in piece)
        before = piece[-1]
        if used + em <= room or used == 0:
            used += em
            continue
        used, room, lines = em, line_em, lines + 1
    return lines


# Full-width punctuation is set narrower (characterSpacingControl compressPunctuation).
_SQUEEZED = "，。、；：（）“”《》！？"
PUNCT_SQUEEZE = 0.35
