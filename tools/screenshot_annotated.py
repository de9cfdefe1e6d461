"""Regenerate docs/annotated_workbook.png: the annotated copy of example (a) as LibreOffice prints it.

    python tools/screenshot_annotated.py

Needs LibreOffice with Calc (soffice) and poppler (pdftoppm).  The picture is the first page (the
“审核结果” sheet) above the page of 公开05表 with the marked cells (red 错误, blue 提示 …).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from PIL import Image

    from juesuan.workbooks.annotate import annotate_workbook
    from juesuan.api import check_workbook
    from juesuan.render.pdf.convert import find_soffice
    soffice = find_soffice()
    if soffice is None or shutil.which("pdftoppm") is None:
        sys.exit("需要 LibreOffice（soffice）和 pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = tmp / "a.xlsx"
        shutil.copy(ROOT / "example_inputs" / "a_jingkai_2024.xlsx", book)
        out = annotate_workbook(book, check_workbook(book).findings, tmp / "annotated.xlsx")
        _keep_for_picture(out, ("审核结果", "公开05表"))
        subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp), str(out)], check=True, capture_output=True,
                       timeout=300)
        pdf = tmp / "annotated.pdf"
        pages = _pages_with(pdf, ("审核结果", "公开05表"))
        images = []
        for n in pages:
            subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", str(n), "-l", str(n), str(pdf), str(tmp / f"p{n}")],
                           check=True)
            images.append(Image.open(next(tmp.glob(f"p{n}*.png"))).convert("RGB"))
        crops = [_trim(im) for im in images]
        width = max(im.width for im in crops)
        canvas = Image.new("RGB", (width, sum(im.height for im in crops) + 20 * (len(crops) - 1)), "white")
        y = 0
        for im in crops:
            canvas.paste(im, (0, y))
            y += im.height + 20
        target = ROOT / "docs" / "annotated_workbook.png"
        canvas.save(target, optimize=True)
        print(f"已写入 {target}")


def _keep_for_picture(path: Path, sheets: tuple[str, ...]) -> None:
    """Only the two sheets of the picture, each printed on one page (the copy, not the product)."""
    from openpyxl import load_workbook
    wb = load_workbook(path)
    for name in wb.sheetnames:
        if name not in sheets:
            del wb[name]
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)


def _pages_with(pdf: Path, words: tuple[str, ...]) -> list[int]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    found = []
    for word in words:
        found.append(next(i for i, page in enumerate(pages, 1) if word in page and i not in found))
    return found


def _trim(im):
    from PIL import ImageChops, Image
    bg = Image.new(im.mode, im.size, "white")
    box = ImageChops.difference(im, bg).getbbox()
    if not box:
        return im
    left, top, right, bottom = box
    return im.crop((max(left - 10, 0), max(top - 10, 0), min(right + 10, im.width), min(bottom + 10, im.height)))


if __name__ == "__main__":
    main()
