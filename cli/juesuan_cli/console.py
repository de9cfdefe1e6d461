"""Print every message whatever the console's encoding.

On Windows a redirected stdout/stderr (a .bat writing a log, the office's task scheduler, a
script capturing the output) uses the ANSI code page, cp936/GBK on a Chinese system.  A few
characters of our messages and of workbook text are not in GBK (− U+2212, ⇒, ☑, •, a word
joiner …); with the default "strict" handler the first one stops the program half way through
its report with a UnicodeEncodeError.  The "juesuan-console" handler writes a look-alike that
the encoding has (− → -, ☑ → √, • → ·), drops invisible characters, and "?" for the rest.

Where the console is UTF-8 nothing changes: the handler is only asked about characters the
encoding cannot write (on UTF-8: the lone surrogates of a non-UTF-8 Linux file name → "?").
"""
from __future__ import annotations

import codecs
import sys

HANDLER = "juesuan-console"

# Look-alikes in GBK (and mostly in ASCII) for characters GBK lacks.
_LOOKALIKE = {
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2043": "-",
    "\u2213": "±", "\u21d2": "=>", "\u21d4": "<=>", "\u2202": "d",
    "\u2611": "√", "\u2713": "√", "\u2714": "√", "\u2610": "□", "\u2717": "×", "\u2718": "×",
    "\u2022": "·", "\u2027": "·", "\u25cf": "·", "\u00ab": "《", "\u00bb": "》",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\u00b2": "2", "\u00b3": "3", "\u2473": "⒇",
    "\u2018": "'", "\u2019": "'", "\u2026": "...",
}
# Invisible characters: printing "?" for them would put question marks into the middle of words.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


def _lookalike(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        if ch in _INVISIBLE:
            continue
        sub = _LOOKALIKE.get(ch, "?")
        try:
            sub.encode(exc.encoding)
        except (UnicodeError, LookupError):
            sub = "?"
        out.append(sub)
    return "".join(out), exc.end


try:
    codecs.lookup_error(HANDLER)
except LookupError:
    codecs.register_error(HANDLER, _lookalike)


def printable_streams(streams=None) -> None:
    """stdout and stderr write a look-alike (or "?") for what their encoding lacks, never fail."""
    for stream in (sys.stdout, sys.stderr) if streams is None else streams:
        try:
            stream.reconfigure(errors=HANDLER)
        except (AttributeError, ValueError, OSError):
            pass
