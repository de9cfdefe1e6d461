"""Stand-alone Simplified-Chinese fonts cut out of a Noto/Source Han CJK collection (.ttc).

Debian's fonts-noto-cjk ships the CJK faces as collections: the SC, TC, JP, KR and HK faces
share one CFF table (the glyphs) and differ in their cmap (which glyph each character gets).
LibreOffice draws the SC glyphs when it is given the "Noto Serif CJK SC" face, but it names
the embedded font after the shared CFF table, which calls itself "NotoSerifCJKjp-…": the
PDF then lists Japanese fonts although the glyphs are the Chinese ones, and print shops
and reviewers who check the font list object.

So for the PDF conversion we write the SC face of the collection as a font file of its own:
the same tables (glyphs and SC cmap unchanged), the CFF font names and the name table
renamed to a family of ours ("Juesuan Serif SC" …).  The SIL Open Font License of Noto CJK
allows modified versions under another name; the copyright and licence records are kept.
Only bytes are copied: no font library is needed, and the renaming keeps every length so
no offset inside the CFF table moves.
"""
from __future__ import annotations

import os
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

VERSION = 1  # of the cut: part of the cache key, raise it when extract() changes


@dataclass(frozen=True)
class Face:
    family: str  # our family name, used in the replacement table
    source_family: str  # the face in the collection
    cff_name: bytes  # the CFF name prefix in the collection …
    new_cff_name: bytes  # … and ours, of the same length
    weight: str  # "Regular" / "Bold": the file in the collection


FACES = (
    Face("Juesuan Serif SC", "Noto Serif CJK SC", b"NotoSerifCJKjp", b"JuesuanSerifSC", "Regular"),
    Face("Juesuan Title SC", "Noto Serif CJK SC", b"NotoSerifCJKjp", b"JuesuanTitleSC", "Bold"),
    Face("Juesuan Sans SC", "Noto Sans CJK SC", b"NotoSansCJKjp", b"JuesuanSansSC", "Regular"),
)


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from(">H", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from(">I", data, at)[0]


def _tables(data: bytes, at: int) -> dict[bytes, bytes]:
    """The tables of the font whose offset table starts at ``at`` (offsets are file-absolute)."""
    out = {}
    for i in range(_u16(data, at + 4)):
        rec = at + 12 + 16 * i
        tag, _, offset, length = struct.unpack_from(">4sIII", data, rec)
        out[tag] = data[offset:offset + length]
    return out


def _names(name_table: bytes) -> dict[tuple[int, int, int, int], str]:
    count, string_at = _u16(name_table, 2), _u16(name_table, 4)
    out = {}
    for i in range(count):
        pid, eid, lang, nid, length, offset = struct.unpack_from(">6H", name_table, 6 + 12 * i)
        raw = name_table[string_at + offset:string_at + offset + length]
        if pid == 3:
            out[(pid, eid, lang, nid)] = raw.decode("utf-16-be", "replace")
    return out


def _name_table(old: dict[tuple[int, int, int, int], str], face: Face) -> bytes:
    """A Windows-platform name table for our family, keeping copyright, trademark and licence."""
    kept = {nid: text for (pid, eid, lang, nid), text in old.items()
            if eid == 1 and lang == 0x409 and nid in (0, 5, 7, 8, 9, 11, 12, 13, 14)}
    ps = face.family.replace(" ", "") + "-Regular"
    kept.update({1: face.family, 2: "Regular", 3: f"{ps};juesuan", 4: face.family, 6: ps})
    records, strings = [], b""
    for nid in sorted(kept):
        raw = kept[nid].encode("utf-16-be")
        records.append(struct.pack(">6H", 3, 1, 0x409, nid, len(raw), len(strings)))
        strings += raw
    return struct.pack(">3H", 0, len(records), 6 + 12 * len(records)) + b"".join(records) + strings


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes], version: bytes) -> bytes:
    tags = sorted(tables)
    n = len(tags)
    power = 1 << (n.bit_length() - 1)
    header = version + struct.pack(">4H", n, power * 16, power.bit_length() - 1, n * 16 - power * 16)
    offset = 12 + 16 * n
    records, body = b"", b""
    for tag in tags:
        data = tables[tag]
        if tag == b"head":  # checkSumAdjustment is computed over the whole file below
            data = data[:8] + b"\0\0\0\0" + data[12:]
            tables[tag] = data
        records += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + records + body)
    head_at = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[:tags.index(b"head")])
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def extract(collection: Path, face: Face) -> bytes | None:
    """The SC face of ``collection`` as an .otf renamed to ``face``; None if it is not there."""
    data = collection.read_bytes()
    if data[:4] != b"ttcf":
        return None
    for i in range(_u32(data, 8)):
        at = _u32(data, 12 + 4 * i)
        tables = _tables(data, at)
        if b"name" not in tables or b"CFF " not in tables:
            continue
        names = _names(tables[b"name"])
        family = names.get((3, 1, 0x409, 16)) or names.get((3, 1, 0x409, 1))
        if family != face.source_family:
            continue
        tables[b"CFF "] = tables[b"CFF "].replace(face.cff_name, face.new_cff_name)
        tables[b"name"] = _name_table(names, face)
        return _sfnt(tables, data[at:at + 4])
    return None


def cache_dir() -> Path | None:
    """A per-user folder for the cut fonts (they take ~65 MB and a few seconds to write)."""
    base = os.environ.get("JUESUAN_CACHE_DIR")
    root = Path(base) if base else Path(os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME")
                                        or os.path.expanduser("~/.cache")) / "juesuan"
    folder = root / "fonts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def face_file(collection: Path, face: Face) -> Path | bytes | None:
    """The cut font: a cached file when the cache can be written (keyed by the collection's
    path, size and time, so an updated font package gives a new cut), else the bytes; None
    when the collection has no such face."""
    try:
        stat = collection.stat()
    except OSError:
        return None
    folder = cache_dir()
    stem = face.family.replace(" ", "")
    key = f"{stem}-{stat.st_size}-{stat.st_mtime_ns}-{zlib.crc32(str(collection).encode()):08x}-v{VERSION}.otf"
    if folder is not None and (folder / key).is_file():
        return folder / key
    data = extract(collection, face)
    if data is None or folder is None:
        return data
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, folder / key)
        for old in folder.glob(f"{stem}-*.otf"):  # an earlier cut of the same face
            if old.name != key:
                old.unlink(missing_ok=True)
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        return data
    return folder / key
