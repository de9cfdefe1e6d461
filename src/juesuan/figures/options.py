"""The 设置 as the figures and templates see them: :class:`juesuan.spec.settings.Settings`, read once
per report (``opts`` in the templates).

``doc`` lives in :mod:`juesuan.spec.settings` because every figures dataclass (Settings first)
describes its fields with it: the descriptions are what ``make-report templates vars`` and
``docs/TEMPLATE_VARIABLES.md`` print.
"""
from __future__ import annotations

from juesuan.model.report import Report
from juesuan.spec.settings import Settings, doc

Options = Settings  # the name the figures code and the templates' reference use

__all__ = ["Options", "doc", "options"]


def options(report: Report) -> Options:
    return report.settings
