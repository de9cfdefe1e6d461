"""审核: every table and cross-table rule of DOMAIN.md §3, and the supplementary checks.

    findings = run_checks(report)

Rules are registered in ``registry.RULES`` (id, title, formula, severity, message template);
their checks live in rules_codes.py, rules_tables.py, rules_cross.py and rules_supplement.py.
Arithmetic relations are collected first and reported once per origin (cascade.py).
"""
from __future__ import annotations

from ..findings import Finding
from ..model import Report
from . import rules_codes, rules_cross, rules_supplement, rules_tables
from .cascade import resolve
from .context import Context
from .messages import finding_of
from .ordering import sort_findings
from .registry import RULES, Rule

# Code rules first: they mark wrong codes that later checks must not report again.  Then the
# arithmetic in creation order = cascade priority: inside tables, across tables, supplements.
PIPELINE = (*rules_codes.CHECKS, *rules_tables.CHECKS, *rules_cross.CHECKS, *rules_supplement.CHECKS)


def run_checks(report: Report) -> list[Finding]:
    ctx = Context(report)
    for step in PIPELINE:
        step(ctx)
    findings = [finding_of(origin, ctx.strict) for origin in resolve(ctx.checks)]
    findings += ctx.findings
    return sort_findings(_dedupe(findings))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.rule, tuple(f.cells), f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


__all__ = ["run_checks", "RULES", "Rule", "sort_findings"]
