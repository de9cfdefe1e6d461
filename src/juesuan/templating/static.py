"""What can be told from a template's text alone, in every branch, reached by an example or not:
a filter or test the environment does not have (Jinja only fails when the branch runs — on the
first real workbook that reaches it), ``h()`` with a level outside 1–3, ``table()`` with an id no
report has, a name or table id parts/tables.j2 sets that is not used, and every undefined name (:func:`juesuan.templating.messages.undefined_names`).
"""
from __future__ import annotations

import difflib
import re

from juesuan.spec.supplement import CODE
from juesuan.templating.env import TemplateProblem, template_problem

HEADING_LEVELS = (1, 2, 3)
CONTENT_CODES = (CODE.W02, CODE.M01, CODE.G10)  # workbook text omit() may name
TABLE_ID = re.compile(r"T0[1-9]|W03|X01|X02-[1-9][0-9]*|X02")


def nearest(name: str, names) -> str:
    """（相近的有：a、b） for a misspelt name, or a list of a few real ones."""
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.5)
    if close:
        return f"（是否想写 {'、'.join(close)}？）"
    return ""


def _const(node):
    from jinja2 import nodes
    return node.value if isinstance(node, nodes.Const) else None


def static_problems(env, name: str, context: dict | None = None) -> list[TemplateProblem]:
    """Every problem of one template file found without rendering it, each with its line."""
    from jinja2 import nodes

    from juesuan.templating.messages import known_names, nearest_names
    try:
        source, filename, _ = env.loader.get_source(env, name)
        tree = env.parse(source, name, filename)
    except Exception as exc:  # noqa: BLE001 - a missing file or a syntax error, told as the render would
        return [template_problem(exc, name)]
    where = filename or name
    out: dict[tuple[int, str], None] = {}
    for node in tree.find_all(nodes.Filter):
        if node.name not in env.filters:
            out[(node.lineno, f"没有名为 {node.name} 的过滤器{nearest_names(node.name, known_names('filter'))}")] = None
    for node in tree.find_all(nodes.Test):
        if node.name not in env.tests:
            out[(node.lineno, f"没有名为 {node.name} 的测试{nearest_names(node.name, known_names('test'))}")] = None
    for node in tree.find_all(nodes.Call):
        if not isinstance(node.node, nodes.Name) or not node.args:
            continue
        first = _const(node.args[0])
        if node.node.name == "h" and isinstance(first, int) and first not in HEADING_LEVELS:
            out[(node.lineno, f"h({first}, …) 的标题级别只能是 1、2、3")] = None
        if node.node.name in ("table", "omit") and isinstance(first, str) and not TABLE_ID.fullmatch(first) \
                and not (node.node.name == "omit" and first in CONTENT_CODES):
            out[(node.lineno, f"{node.node.name}(\"{first}\") 不是报告中的表（可用：公开表 T01…T09，重点工作表 W03，"
                              "整体绩效自评表 X01，项目绩效自评表 X02-1、X02-2 …）")] = None
    from juesuan.templating.table_texts import TABLE_TEXTS
    if name == TABLE_TEXTS:
        from juesuan.templating.table_texts import static_problems as words_problems
        out.update(dict.fromkeys(words_problems(tree)))
    if context is not None:
        from juesuan.templating.messages import undefined_names
        for line, path in undefined_names(env, source, context):
            out[(line, f"变量 {path} 未定义{nearest(path, context) if '.' not in path else ''}")] = None
    return [TemplateProblem(where, line, message) for line, message in sorted(out)]
