"""Read what already exists: the nine 公开表 of a 决算软件 export (Excel) or of a published report
(PDF, Word, text) into the Report model, every amount remembering where it was printed.

    from juesuan.importer import import_report
    result = import_report("2024年度部门决算.pdf")
    result.report      # model.report.Report, the nine tables filled
    result.sources     # "公开03表!E12" (sheet!cell of the standard workbook) -> Source
    result.problems    # [Finding]: what could not be placed, tables not found …
    result.pages       # text of each page (PDF; Word split at its page breaks)

Tables are found by their titles and headers, never by position or sheet name (docs/IMPORT.md).
"""
from __future__ import annotations

from juesuan.importer.run import ImportResult, import_report
from juesuan.importer.parse_tables import Source
from juesuan.importer.problems import SourceError

__all__ = ["ImportResult", "import_report", "Source", "SourceError"]
