"""Findings of the import, in Chinese (rule ids I-…: they are the importer's, not checks)."""
from __future__ import annotations

from juesuan.model.findings import ERROR, INFO, WARNING, Finding, WorkbookError

TITLE = "导入"


class SourceError(WorkbookError):
    """The source file cannot be read at all; ``message`` is the one Chinese sentence to show."""


def problem(rule: str, severity: str, message: str, where: str = "", hint: str = "") -> Finding:
    return Finding(rule, severity, message, [where] if where else [], hint=hint, title=TITLE)


def not_found(title: str) -> Finding:
    return problem("I-TABLE", WARNING, f"文件中找不到“{title}”，这张表没有导入（按空表处理）",
                   hint="请核对文件中是否有这张表；表名不同的，请在工作簿中照原表手工填写")


def unplaced(where: str, what: str, value: str, hint: str = "") -> Finding:
    return problem("I-CELL", WARNING, f"{what}“{value}”无法对应到标准工作簿，未导入", where,
                   hint or "请对照原表手工填写到工作簿中")


def not_a_number(where: str, what: str, value: str) -> Finding:
    return problem("I-NUM", ERROR, f"{what}应为金额，实际为“{value}”，未导入", where,
                   "请对照原表手工填写")


__all__ = ["SourceError", "problem", "not_found", "unplaced", "not_a_number", "ERROR", "WARNING", "INFO"]
