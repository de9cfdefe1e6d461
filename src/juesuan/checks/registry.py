"""The rule registry: one entry per 审核 rule (plus the supplementary checks).
docs/RULES.md is generated from it (python tools/make_docs.py).

A rule is data: a stable id, a Chinese title, its formula in 表/行/栏 terms, a severity policy
and a message template.  The check functions in rules_*.py look their rule up here, so the
text a user sees is written once, next to the formula it explains.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.model.findings import ERROR, INFO, WARNING
from juesuan.spec.finding_ids import ERROR_OR_WARNING, FINDING_IDS

# Severity policy of the arithmetic rules (docs/RULES.md): difference 0 passes; up to 0.01 per
# addend is a 警告 "尾数误差"; more is a 错误; 设置.严格审核 = 是 makes every difference an error.
TOLERANCE = "容差"


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    formula: str
    severity: str  # 错误 / 警告 / 提示 / TOLERANCE
    template: str  # str.format template of the message (names: see messages.finding_of / ctx.add)
    hint: str = ""
    group: str = ""  # 表内 / 表间 / 编码 / 补充
    variants: dict = field(default_factory=dict, hash=False, compare=False)  # other messages, by name

    def message(self, variant: str | None = None, **fields) -> str:
        return (self.variants[variant] if variant else self.template).format(**fields)


RULES: dict[str, Rule] = {}

# The usual message of an equation: both sides, both values, the difference.
SUM_TEMPLATE = "{lhs}为 {actual}，{rhs}为 {expected}，相差 {diff}{note}。"
LE_TEMPLATE = "{lhs}为 {actual}，不应大于{rhs} {expected}（超出 {diff}）。"
GE_TEMPLATE = "{lhs}为 {actual}，不应小于{rhs} {expected}（少 {diff}）。"
ZERO_TEMPLATE = "{lhs}为 {actual}，{condition}，此处应为空（0）。"


def define(rule_id: str, title: str, formula: str, severity: str = TOLERANCE, template: str = SUM_TEMPLATE,
           hint: str = "", group: str = "", variants: dict[str, str] | None = None) -> Rule:
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} defined twice")
    if severity not in (TOLERANCE, ERROR, WARNING, INFO, ERROR_OR_WARNING):
        raise ValueError(severity)
    rule = Rule(rule_id, title, formula, severity, template, hint, group, dict(variants or {}))
    RULES[rule_id] = rule
    return rule


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


# The order of the groups wherever rules are listed (docs/RULES.md, `make-report check --rules`):
# reading first, then the 审核 rules, then what rendering and the batch find.
GROUP_ORDER = ("读取", "表内", "表间", "编码", "补充", "生成", "批量", "运行")

# The ids found outside the rules (reader, renderer, batch; juesuan.spec.finding_ids): their message
# is written where they are found, so the template only passes it on.
for _f in FINDING_IDS:
    define(_f.id, _f.title, _f.meaning, _f.severity, "{message}", _f.hint, _f.group)

