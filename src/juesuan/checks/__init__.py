"""审核: every table and cross-table rule (docs/RULES.md), and the supplementary checks.

    findings = run_checks(report)

Rules are registered in ``registry.RULES`` (id, title, formula, severity, message template);
their checks live in rules_codes.py, rules_tables.py, rules_cross.py, rules_supplement.py and
rules_required.py.
Arithmetic relations are collected first and reported once per origin (cascade.py).
"""
from __future__ import annotations

from juesuan.model.findings import WARNING, Finding
from juesuan.model.report import Report
from juesuan.checks import (  # noqa: F401 (rules_prior registers S-16)
    rules_codes, rules_cross, rules_inputs, rules_prior, rules_publishable, rules_required, rules_supplement,
    rules_tables)
from juesuan.checks.cascade import resolve
from juesuan.checks.context import Context
from juesuan.checks.messages import finding_of
from juesuan.checks.ordering import sort_findings
from juesuan.checks import registry
from juesuan.checks.registry import RULES, Rule

# Code rules first: they mark wrong codes that later checks must not report again.  Then the
# arithmetic in creation order = cascade priority: inside tables, across tables, supplements.
PIPELINE = (*rules_codes.CHECKS, *rules_tables.CHECKS, *rules_cross.CHECKS, *rules_supplement.CHECKS,
            *rules_inputs.CHECKS, *rules_required.CHECKS, *rules_publishable.CHECKS)


def run_checks(report: Report, read_findings: list[Finding] | None = None,
               glossary_part: str | None = "第五部分") -> list[Finding]:
    """The 审核 findings of ``report``.

    ``read_findings`` are the reader's own findings: a cell it could not read (text in an amount
    cell, a formula without a value …) or a table it could not find is already reported there, so
    relations that use it are not checked (they would only repeat the same fault).
    ``glossary_part``: the part that prints 名词解释's 科目 in the skeleton used (the C-7 message
    names it; None: the skeleton prints them in no numbered part).
    """
    ctx = Context(report, read_findings or [], glossary_part)
    internal: list[Finding] = []
    for step in PIPELINE:
        try:
            step(ctx)
        except Exception as exc:  # noqa: BLE001 - a bug in one rule must not hide the others' findings
            internal.append(_internal(step.__name__, exc))
    corrected: set[str] = set()
    try:
        origins = resolve(ctx.checks, ctx.strict)
        findings = [finding_of(origin, ctx.strict) for origin in origins]
        corrected = {t.cell for o in origins if o.fix is not None and not o.fix.alternatives and o.fix.value >= 0
                     for t in (o.fix.term, *(t for t, _ in o.fix.same_figure))}
    except Exception as exc:  # noqa: BLE001
        findings = [_internal("resolve", exc)]
    # One slip, one message: a sign flip the localizer already names (现为 -44.32，应为 44.32) is not
    # also an S-14 "金额为负数" at the same cell.
    direct = [f for f in ctx.findings if not (f.rule == "S-14" and f.cells and f.cells[0] in corrected)]
    return sort_findings(_dedupe(findings + direct + internal))


def _internal(step: str, exc: Exception) -> Finding:
    return Finding("CHECK-INTERNAL", WARNING, f"部分审核未能完成（内部错误 {type(exc).__name__}，步骤 {step}）。",
                   [], hint=RULES["CHECK-INTERNAL"].hint, title=RULES["CHECK-INTERNAL"].title)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.rule, tuple(f.cells), f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


__all__ = ["RULES", "Rule", "rules_in_order", "run_checks", "sort_findings"]


def rules_in_order() -> list[Rule]:
    """Every registered rule, by group (registry.GROUP_ORDER, then others by name), then by id number."""

    def key(r: Rule):
        prefix, _, number = r.id.partition("-")
        group = registry.GROUP_ORDER.index(r.group) if r.group in registry.GROUP_ORDER else len(registry.GROUP_ORDER)
        return (group, r.group, prefix, int(number) if number.isdigit() else 0, r.id)
    return sorted(RULES.values(), key=key)
