"""A PDF's text lines and ruled tables (pdfplumber, MIT).  No OCR: a PDF whose pages carry no
text (a scan) is refused with one sentence, as is an encrypted one."""
from __future__ import annotations

from pathlib import Path

from juesuan.importer.items import Extracted, Line, RawTable, split_text_row
from juesuan.importer.problems import SourceError
from juesuan.importer.stacked import unstack

MAX_PAGES = 2000  # a published report has 20–60 pages; a whole year's collection a few hundred


def _cell_grid(table) -> list[list[str]]:
    """The table's text with each merged cell repeated over every position it covers
    (pdfplumber reports a merged cell once, in its top-left position, and None elsewhere)."""
    rows = table.rows
    texts = table.extract()
    ncols = max((len(r.cells) for r in rows), default=0)
    origins = []  # (bbox, text)
    widths: dict[int, tuple[float, float]] = {}  # column -> its narrowest cell's x-range
    for r, row in enumerate(rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                text = texts[r][c] if r < len(texts) and c < len(texts[r]) else ""
                origins.append((bbox, text or ""))
                if c not in widths or bbox[2] - bbox[0] < widths[c][1] - widths[c][0]:
                    widths[c] = (bbox[0], bbox[2])
    xs = {c: (x0 + x1) / 2 for c, (x0, x1) in widths.items()}
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        y = (row.bbox[1] + row.bbox[3]) / 2
        out: list[str] = []
        for c in range(ncols):
            bbox = row.cells[c] if c < len(row.cells) else None
            if bbox is not None:
                out.append(texts[r][c] or "")
                continue
            x = xs.get(c)
            covering = "" if x is None else next(
                (t for (x0, top, x1, bottom), t in origins if x0 - 0.5 <= x <= x1 + 0.5 and top - 0.5 <= y <= bottom + 0.5),
                "")
            out.append(covering)
        grid.append(out)
    return grid


def _lines(words, page_no: int) -> list[tuple[float, Line]]:
    """Words outside the tables grouped into lines; a wide gap becomes two spaces (a cell break
    for a table printed without rules)."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    groups: list[list[dict]] = []
    for w in words:
        if groups and abs(w["top"] - groups[-1][0]["top"]) <= 3:
            groups[-1].append(w)
        else:
            groups.append([w])
    out = []
    for g in groups:
        g.sort(key=lambda w: w["x0"])
        text = g[0]["text"]
        for prev, w in zip(g, g[1:]):
            gap = w["x0"] - prev["x1"]
            text += ("  " if gap > 8 else " ") + w["text"]
        out.append((g[0]["top"], Line(text, page_no, x0=g[0]["x0"])))
    return out


def _inside(word, boxes) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def extract_pdf(path: Path) -> Extracted:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency of the package
        raise SourceError("读取 PDF 需要 pdfplumber：请运行 pip install pdfplumber。") from None
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
            raise SourceError(f"PDF“{path.name}”已加密（设有打开密码），无法读取；请取得未加密的文件。") from None
        raise SourceError(f"“{path.name}”不是可读取的 PDF 文件（文件损坏或格式不对）。") from None
    items: list = []
    pages: list[str] = []
    with pdf:
        try:
            all_pages = pdf.pages
        except Exception:  # noqa: BLE001
            raise SourceError(f"“{path.name}”不是可读取的 PDF 文件（文件损坏或格式不对）。") from None
        if len(all_pages) > MAX_PAGES:
            raise SourceError(f"PDF“{path.name}”有 {len(all_pages)} 页，超过 {MAX_PAGES} 页的上限；请只保留本部门的报告。")
        for page_no, page in enumerate(all_pages, start=1):
            try:
                found = page.find_tables()
                words = page.extract_words()
                text = page.extract_text() or ""
            except Exception:  # noqa: BLE001 - one damaged page must not stop the rest
                pages.append("")
                items.append(Line(f"（第 {page_no} 页无法读取）", page_no))
                continue
            pages.append(text)
            boxes = [t.bbox for t in found]
            placed: list[tuple[float, object]] = _lines([w for w in words if not _inside(w, boxes)], page_no)
            for t in found:
                try:
                    grid = unstack(_cell_grid(t))
                except Exception:  # noqa: BLE001
                    grid = [split_text_row(x) for x in (t.extract() or [])]
                if grid:
                    placed.append((t.bbox[1], RawTable(grid, [page_no] * len(grid))))
            placed.sort(key=lambda p: p[0])
            items += [p[1] for p in placed]
            if hasattr(page, "flush_cache"):  # a 500-page file must not keep every page's objects
                page.flush_cache()
    if not any(p.strip() for p in pages):
        raise SourceError(f"PDF“{path.name}”中没有文字（可能是扫描件或图片），本工具不做文字识别（OCR），"
                          "无法读取；请取得由 Word 或决算软件直接导出的 PDF。")
    return Extracted(items, pages, "pdf")
