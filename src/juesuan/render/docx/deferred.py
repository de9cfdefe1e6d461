"""Tables kept as XML text until the file is saved, instead of living in the document tree.

A department with a thousand projects has a thousand 项目绩效自评表 (about 120,000 cells): as lxml
elements they took some 400 MB, and parsing them into the tree and serialising them back out a
third of the render time.  Each table is drawn once as text (tables.grid_xml), kept here as UTF-8,
and the body holds a marker comment in its place; :meth:`DeferredTables.save` writes the .docx with
word/document.xml streamed and every table spliced in at its marker.
"""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from juesuan.render.docx.tables import W_NS

_MARK = "juesuan-table-"
_MARK_RE = re.compile(rb"<!--" + _MARK.encode() + rb"(\d+)-->")
_DOCUMENT = "word/document.xml"


class DeferredTables:
    def __init__(self) -> None:
        self.tables: list[bytes] = []

    def place(self, before, table_xml: str) -> None:
        """Put the table (a ``<w:tbl>`` string) just before the element ``before``."""
        # the document root declares the w prefix already; the table's own declaration is dropped
        text = table_xml.replace(f' xmlns:w="{W_NS}"', "", 1)
        before.addprevious(etree.Comment(f"{_MARK}{len(self.tables)}"))
        self.tables.append(text.encode("utf-8"))

    def save(self, docx, fh) -> None:
        """Write ``docx`` (a python-docx Document) to the binary file ``fh`` with the tables in place."""
        shell = io.BytesIO()
        docx.save(shell)  # small: the tables are not in the tree
        with zipfile.ZipFile(shell) as src, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                info.compress_type = zipfile.ZIP_DEFLATED
                if info.filename != _DOCUMENT:
                    dst.writestr(info, data)
                    continue
                with dst.open(info, "w") as out:
                    pos = 0
                    for m in _MARK_RE.finditer(data):
                        out.write(data[pos:m.start()])
                        out.write(self.tables[int(m.group(1))])
                        pos = m.end()
                    out.write(data[pos:])
