"""审核: every table and cross-table rule of DOMAIN.md §3 (filled in by the checks module)."""
from __future__ import annotations

from ..findings import Finding
from ..model import Report


def run_checks(report: Report) -> list[Finding]:
    return []
