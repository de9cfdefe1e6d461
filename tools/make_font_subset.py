#!/usr/bin/env python3
"""Build the chart font src/juesuan/data/fonts/NotoSansSC-juesuan-subset.otf.

The font is Noto Sans CJK SC Regular (SIL OFL 1.1) cut down to the characters
of juesuan.render.charts.draw.chart_charset(): printable ASCII, a few full-width
punctuation marks and every character of juesuan.render.charts.draw.CHART_VOCABULARY.
To put a new word in a chart: add it to CHART_VOCABULARY, re-run this script,
commit the new .otf.

Needs (dev time only): fontTools (pip install fonttools) and the source font,
e.g. Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk), which has
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; an upstream
NotoSansCJKsc-Regular.otf or NotoSansSC-Regular.otf works too (--source).

Usage:
    python tools/make_font_subset.py [--source PATH] [--output PATH]

The output is reproducible: the same source font and vocabulary give the same
bytes (the head table timestamps are kept from the source font).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from juesuan import charts  # noqa: E402  (cheap: does not import Pillow

DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEFAULT_OUTPUT = charts.FONT_PATH

# PostScript names of the face we want, in a .ttc collection or a single file.
SC_PS_NAMES = ("NotoSansCJKsc-Regular", "NotoSansSC-Regular")

# The subset gets its own family name, so it never clashes with a full
# Noto Sans CJK installed on the same machine (some tools pick fonts by name).
FAMILY = "Juesuan Chart Sans"
PS_NAME = "JuesuanChartSans-Regular"
DESCRIPTION = (
    "Subset of Noto Sans CJK SC Regular for the charts of juesuan; "
    "only the characters the charts use. Licensed under the SIL Open Font "
    "License 1.1."
)


def _open_sc_face(source: Path):
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() in (".ttc", ".otc"):
        n_faces = len(TTCollection(str(source), lazy=True).fonts)
        for index in range(n_faces):
            font = TTFont(str(source), fontNumber=index, recalcTimestamp=False)
            if font["name"].getDebugName(6) in SC_PS_NAMES:
                return font
            font.close()
        raise SystemExit(f"{source}: no face named {' or '.join(SC_PS_NAMES)}")
    font = TTFont(str(source), recalcTimestamp=False)
    if font["name"].getDebugName(6) not in SC_PS_NAMES:
        print(f"warning: {source} is {font['name'].getDebugName(6)!r}, "
              f"not Noto Sans CJK SC Regular", file=sys.stderr)
    return font


def _rename(font) -> None:
    """Give the subset its own names; keep copyright, trademark, licence."""
    name = font["name"]
    source_version = name.getDebugName(5)
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for name_id, value in (
        (1, FAMILY),
        (2, "Regular"),
        (3, f"{PS_NAME};juesuan;from Noto Sans CJK SC {source_version}"),
        (4, f"{FAMILY} Regular"),
        (6, PS_NAME),
        (10, DESCRIPTION),
    ):
        name.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [PS_NAME]
        top = cff.topDictIndex[0]
        for attr, value in (("FamilyName", FAMILY), ("FullName", f"{FAMILY} Regular")):
            if hasattr(top, attr):
                setattr(top, attr, value)
        if hasattr(top, "CIDFontName"):
            top.CIDFontName = PS_NAME


def main(argv: list[str] | None = None) -> int:
    from fontTools import subset

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    charset = charts.chart_charset()
    font = _open_sc_face(args.source)

    options = subset.Options()
    # Only horizontal text; keep the usual horizontal layout features.
    options.layout_features = ["ccmp", "locl", "kern", "liga", "calt", "mark", "mkmk"]
    options.hinting = False  # charts are drawn at 200 dpi, where hints do not help
    options.notdef_outline = True  # a missing character shows as a box
    options.name_IDs = list(range(0, 15))
    options.name_languages = [0x409]
    options.glyph_names = False
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "DSIG", "meta"]
    options.recalc_timestamp = False

    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in charset])
    subsetter.subset(font)
    _rename(font)

    cmap = font.getBestCmap()
    missing = [c for c in charset if ord(c) not in cmap]
    if missing:
        raise SystemExit(f"source font lacks: {''.join(missing)!r}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(args.output))
    size = args.output.stat().st_size
    print(f"{args.output}: {len(charset)} characters, "
          f"{len(font.getGlyphOrder())} glyphs, {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
