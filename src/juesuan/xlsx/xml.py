"""Streaming one part of an .xlsx through expat, safely.

A document type declaration is refused outright (so entity tricks stop at the first
``<!DOCTYPE`` whatever the part's encoding), reading stops at a size limit, and a part declared
in a character set expat cannot read (GB18030, GBK, Big5 …) is transcoded to UTF-8 on the way.
"""
from __future__ import annotations

import codecs
import re
import zipfile
from pyexpat import ExpatError, ParserCreate

CHUNK = 1 << 16


class UnsafeXML(Exception):
    """A part declares a DTD or entities: never legitimate in a workbook."""


class _Stop(Exception):
    """Raised from a handler once everything needed from a part has been read."""


class PartError(Exception):
    """A part is missing, too large or not well-formed XML; the message is Chinese."""

    def __init__(self, part: str, message: str):
        super().__init__(message)
        self.part = part
        self.sheet: str | None = None  # the worksheet's name, when the part is one


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _refuse_dtd(*_args) -> None:
    raise UnsafeXML("DTD")


def _parse(zf: zipfile.ZipFile, part: str, start, end=None, text=None, limit: int | None = None) -> None:
    """Stream ``part`` through expat with the given handlers; no DTD, no entities."""
    parser = ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    read = 0
    recode = None
    try:
        with zf.open(part) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                read += len(chunk)
                if limit is not None and read > limit:
                    raise PartError(part, f"解压后超过 {limit // (1 << 20)} MB")
                if read == len(chunk):
                    recode = _recoder(part, chunk)
                if recode is not None:
                    chunk = recode(chunk, False)
                parser.Parse(chunk, False)
            parser.Parse(recode(b"", True) if recode is not None else b"", True)
    except _Stop:
        pass
    except ExpatError as exc:
        raise PartError(part, f"第 {exc.lineno} 行第 {exc.offset + 1} 列 XML 格式错误") from exc
    except UnicodeError as exc:
        raise PartError(part, "含有不符合其声明编码的字节") from exc


_DECLARED = re.compile(rb'^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["\']([A-Za-z0-9._:-]{1,40})["\']')
# what expat reads itself (with or without a byte order mark)
_EXPAT_NATIVE = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "latin-1", "iso8859-1"}


def _recoder(part: str, first: bytes):
    """expat reads UTF-8/16 and Latin-1 only: a part declared in GB18030, GBK, Big5 … (some
    Chinese generators write them) is decoded by Python and handed to expat as UTF-8, with
    its declaration rewritten.  None when expat can read the part as it is."""
    m = _DECLARED.match(first)
    if not m:
        return None
    name = m.group(1).decode("ascii")
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise PartError(part, f"声明了无法识别的字符编码“{name}”") from None
    if not getattr(codec, "_is_text_encoding", True):  # base64, zlib, rot13 … are not character sets
        raise PartError(part, f"声明了无法识别的字符编码“{name}”")
    if codec.name in _EXPAT_NATIVE:
        return None
    decoder = codecs.getincrementaldecoder(codec.name)("strict")
    state = {"first": True}

    def recode(chunk: bytes, final: bool) -> bytes:
        text = decoder.decode(chunk, final)
        if state["first"]:
            state["first"] = False
            text = re.sub(r"""(\bencoding\s*=\s*["'])[^"']*(["'])""", r"\1UTF-8\2", text, count=1)
        return text.encode("utf-8")

    return recode
