"""Text from a workbook made safe to use and to print, and number/code text made comparable.

Two kinds of damage are repaired here, and the caller reports them (a cell that was changed
is named to the user, never fixed silently):

* characters no document or terminal can hold: control characters (Excel stores them as
  ``_x0001_`` escapes; :data:`CONTROL` is the project's one definition) are removed, lone
  UTF-16 surrogates (``_xD800_``) and the
  non-characters U+FFFE/U+FFFF become U+FFFD "�".  A surrogate that reached ``print`` or
  python-docx would stop the program half way.
* the look-alikes of digits that copying from web pages and Word brings: full-width digits
  and punctuation, zero-width spaces, a typed leading apostrophe (Excel's "store as text"
  prefix written out literally).  NFKC folds the first; the others are dropped, but only
  from codes and numbers, never from prose.
"""
from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"
# THE control characters (one definition for the reader, the templates' output check, the Word
# writer, file names and the xlsx writer): C0 except tab, line feed and carriage return (layout,
# each caller decides what they become), DEL, and C1 U+0080–U+009F (U+0085 NEXT LINE comes with
# text converted from old code pages; Word shows it as a box, XML 1.1 as a line end).
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
INVALID = "\ud800-\udfff\ufffe\uffff"  # lone surrogates, non-characters: become U+FFFD
CONTROL_RE = re.compile(f"[{CONTROL}]")
BAD_RE = re.compile(f"[{CONTROL}{INVALID}]")  # everything :func:`scrub` changes
# zero-width and invisible format characters that are never part of a code or a number
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e]")
_SPACES_RE = re.compile(r"[\s\u3000\u00a0]+")


def scrub(text: str) -> tuple[str, str | None]:
    """``text`` without control characters and with surrogates replaced, plus what was done
    (Chinese, for the finding) or None when nothing had to change."""
    if not BAD_RE.search(text):
        return text, None
    controls = bool(CONTROL_RE.search(text))
    odd = sorted({f"U+{ord(ch):04X}" for ch in BAD_RE.findall(text) if not CONTROL_RE.match(ch)})
    cleaned = BAD_RE.sub(lambda m: "" if CONTROL_RE.match(m.group()) else REPLACEMENT, text)
    what = []
    if controls:
        what.append("控制字符（已删除）")
    if odd:
        what.append(f"无效的 Unicode 字符 {'、'.join(odd[:3])}（已替换为“{REPLACEMENT}”）")
    return cleaned, "含有" + "和".join(what)


def safe_text(text: str) -> str:
    """``scrub`` without the report: for text about to be printed or written to a file."""
    return BAD_RE.sub(lambda m: "" if CONTROL_RE.match(m.group()) else REPLACEMENT, text) if text else text


# THE enumeration marks a clerk writes before an item (one definition: reasons split into lines,
# 主要成效 joined after 「是」, row labels normalised, the text lint): 一是/二是, 一、/（一）/一）,
# 1. 1、 (1) （1） 1)（not 1.5）, ①–⑳.
_CN_NUMERAL = "[一二三四五六七八九十]+"
_DIGITS = "[0-9０-９]+"
ENUMERATION = (rf"(?:{_CN_NUMERAL}是|[（(]?{_CN_NUMERAL}[)）、.．]|[（(]?{_DIGITS}[)）.、．](?![0-9０-９])"
               r"|[①-⑳])")
ENUMERATION_RE = re.compile(rf"^{ENUMERATION}\s*")


def strip_enumeration(text: str) -> str:
    """``text`` without its leading enumeration mark (一是, （一）, 1., ① …)."""
    return ENUMERATION_RE.sub("", text, count=1)


def drop_controls(text: str) -> str:
    """``text`` without control characters (tab, line feed and carriage return kept)."""
    return CONTROL_RE.sub("", text)


def fold_digits(text: str) -> str:
    """NFKC (２０５０８０３ → 2050803, ．→ .), invisible characters and spaces removed, a leading
    typed apostrophe removed: for codes and numbers only."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACES_RE.sub("", text)
    return text[1:] if text.startswith(("'", "’", "‘")) else text


def code_text(value: object) -> str:
    """A cell as a code: '2050803' for 2050803, ２０５０８０３, "'2050803", '2050803\\u200b';
    the folded text (not digits only) otherwise, so the caller can tell it is not a code."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return fold_digits(str(value))


def is_code(text: str) -> bool:
    """ASCII digits only ('²'.isdigit() is True, and so is '２'; neither is a code)."""
    return bool(text) and text.isascii() and text.isdigit()
