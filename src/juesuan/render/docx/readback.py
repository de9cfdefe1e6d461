"""Read a rendered report back as a reader sees it (to compare two runs by content, not bytes)."""
from __future__ import annotations

from pathlib import Path


def document_text(path: str | Path) -> list[str]:
    """Every paragraph, then every table cell, in document order."""
    from docx import Document
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts
