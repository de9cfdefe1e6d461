"""How long `--pdf` takes for example (c) and for the same workbook with a 1 MB 主要原因.

    python bench/pdf_long_text.py [--size 1000000] [--split 2000]

LibreOffice lays out one paragraph in time that grows much faster than its length: a pasted
1 MB text in one cell, rendered as one paragraph, did not convert within 180 s.  The renderer
cuts paragraphs longer than render.writer.LONG_PARAGRAPH characters; --split sets that limit
for this run (a huge value shows the old behaviour; give it a --timeout).

Needs LibreOffice (soffice).  Prints wall time of the conversion alone, and the page count.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

REASON = "上级补助收入和事业收入增加"  # R02 of example (c), stored as character references


def long_workbook(folder: Path, size: int) -> Path:
    src = ROOT / "example_inputs" / "c_synthetic_2024.xlsx"
    dst = folder / "long.xlsx"
    old = "".join(f"&#{ord(c)};" for c in REASON).encode()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data.replace(old, b"x" * size, 1))
    return dst


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=900_000, help="characters of the long reason")
    ap.add_argument("--split", type=int, default=None, help="paragraph limit (default: the renderer's)")
    ap.add_argument("--timeout", type=float, default=180)
    args = ap.parse_args()
    from juesuan.reader.workbook import read_workbook
    from juesuan.render import render_report
    from juesuan.render.docx import writer
    from juesuan.render.pdf.convert import PdfError, convert
    if args.split:
        writer.LONG_PARAGRAPH = args.split
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, wb in (("example (c)", ROOT / "example_inputs" / "c_synthetic_2024.xlsx"),
                         (f"(c) + {args.size:,}-character 主要原因", long_workbook(folder, args.size))):
            report, _ = read_workbook(wb)
            docx = folder / "r.docx"
            render_report(report, docx)
            start = time.monotonic()
            try:
                pdf = convert(docx, timeout=args.timeout)
            except PdfError as exc:
                print(f"{name}: {exc.message}")
                continue
            seconds = time.monotonic() - start
            pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            count = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "?")
            print(f"{name}: {seconds:.1f} s, {count} pages")


if __name__ == "__main__":
    main()
