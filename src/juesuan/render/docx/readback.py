"""Read a rendered report back as a reader sees it (to compare two runs by content, not bytes)."""
from __future__ import annotations

from pathlib import Path


INVISIBLE = str.maketrans("", "", "\u2060\u200b")  # the writer's word joiners and break opportunities


def plain(text: str) -> str:
    """Text as a reader sees it: without the invisible joiners the writer puts in."""
    return text.translate(INVISIBLE)


def document_text(path: str | Path) -> list[str]:
    """Every paragraph, then every table cell, in document order."""
    from docx import Document
    doc = Document(str(path))
    texts = [plain(p.text) for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts.extend(plain(cell.text) for cell in row.cells)
    return texts
