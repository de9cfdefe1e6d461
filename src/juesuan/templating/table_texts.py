"""The words around each 公开表, from the template ``parts/tables.j2``: the 表名 (the part-2 heading,
the title line and the 目录 all use it), the 表号, the line 部门：… 单位：万元, the 表注 and the
sentence under an empty table.

The file sets named values (``{% set titles = {"T01": "…", …} %}``) and one macro
(``title_line``); the program renders it once per report as a Jinja module, in the parts
environment with the parts' context, and reads those names.  What a file does not set falls back
to the text of ``spec.layouts`` (the shipped file states exactly that text, a test keeps them
equal), so an override folder may hold only what it changes.  Whatever the file sets that the
program does not use (a name it does not know, an id that is not a 公开表) is a problem: a 警告
of the render and, with its line, a problem of ``templates check`` — never a silent drop.
"""
from __future__ import annotations

from dataclasses import dataclass

from juesuan.spec.layouts import BY_ID

TABLE_TEXTS = "parts/tables.j2"

# The names parts/tables.j2 may set, with what each is (templates vars and the docs list them).
BY_TABLE = {
    "titles": "表名（不含年度），按表：{\"T01\": \"收入支出决算总表\", …}；第二部分小标题 t.title、标题行和目录都用它",
    "titles_2020": "设置“节序”为“2020版”时的表名（没有写的表：T06、T09 用内置旧名，其余用 titles）",
    "numbers": "表号（标题行下右侧），按表：{\"T01\": \"公开01表\", …}",
    "numbers_2020": "设置“节序”为“2020版”时的表号（“三公”表为表7）",
    "notes": "表格下方的表注，按表；写成 \"\" 不印",
    "empty_notes": "表中没有数据时表注下面的一句，按表（内置：T07、T08、T09）；写成 \"\" 不印",
}
SINGLE = {
    "title_line": "宏 title_line(title)：表格上方居中的标题行（内置：年度 + “年度” + 表名）",
    "dept_label": "表号下一行左边单位名称前的字（内置“部门：”）",
    "unit_label": "表号下一行右边的金额单位（内置“单位：万元”）",
}
NAMES = {**BY_TABLE, **SINGLE}
IDS = "、".join(BY_ID)


def unknown_id(name: str, key: object) -> str:
    return f"{name} 中的编号“{key}”不是公开表（只能是 T01…T09），这一项没有使用"


def unknown_name(name: str) -> str:
    import difflib
    close = difflib.get_close_matches(name, list(NAMES), n=3, cutoff=0.5)
    hint = f"（是否想写 {'、'.join(close)}？）" if close else f"（使用的名称：{'、'.join(NAMES)}）"
    return f"设定的 {name} 不是这个文件使用的名称，没有使用{hint}"


def not_by_table(name: str) -> str:
    return f"{name} 应写成按表的 {{\"T01\": \"…\", …}}，没有使用"


@dataclass
class TableWords:
    """What parts/tables.j2 set (only what it set) and what it set that is not used."""
    by_table: dict[str, dict[str, str]]
    title_line: object | None  # the macro, or None
    single: dict[str, str]
    problems: list[str]


def read_table_words(env, context: dict) -> TableWords:
    """parts/tables.j2 rendered as a module with ``context`` (TemplateProblem if it fails)."""
    from juesuan.templating.env import TemplateProblem, template_problem
    from juesuan.templating.limits import budget
    try:
        template = env.get_template(TABLE_TEXTS)
        with budget():
            module = template.make_module(context)
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - told with its file and line, like every template
        raise template_problem(exc, TABLE_TEXTS) from None
    out = TableWords({}, None, {}, [])
    out.problems = _with_lines(env, _module_words(module, out), template.filename)
    return out


def _with_lines(env, bodies: list[str], filename: str | None) -> list[str]:
    """Each problem as templates check tells it: with the file and the line its text shows."""
    from juesuan.templating.env import TemplateProblem
    lines: dict[str, int] = {}
    try:
        source = env.loader.get_source(env, TABLE_TEXTS)[0]
        lines = {body: line for line, body in reversed(static_problems(env.parse(source)))}
    except Exception:  # noqa: BLE001 - the file rendered, so it parses; nothing to add if not
        pass
    return [str(TemplateProblem(filename or TABLE_TEXTS, lines.get(b), b)) for b in bodies]


def _module_words(module, out: TableWords) -> list[str]:
    problems: list[str] = []
    for name, value in vars(module).items():
        if name.startswith("_"):
            continue
        if name == "title_line":
            out.title_line = value if callable(value) else None
        elif name in BY_TABLE:
            if not hasattr(value, "items"):
                problems.append(not_by_table(name))
                continue
            out.by_table[name] = {}
            for key, text in value.items():
                if key in BY_ID:
                    out.by_table[name][key] = "" if text is None else str(text)
                else:
                    problems.append(unknown_id(name, key))
        elif name in SINGLE:
            out.single[name] = "" if value is None else str(value)
        else:
            problems.append(unknown_name(name))
    return problems


def static_problems(tree) -> list[tuple[int, str]]:
    """(line, message) for what parts/tables.j2 sets and the program would not use, from the text
    alone: every branch, reached by an example or not."""
    from jinja2 import nodes
    out: list[tuple[int, str]] = []
    for node in tree.body:
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            name = node.target.name
        elif isinstance(node, nodes.Macro):
            name = node.name
        else:
            continue
        if name.startswith("_"):
            continue
        if name not in NAMES:
            out.append((node.lineno, unknown_name(name)))
        elif name in BY_TABLE:
            if not isinstance(node, nodes.Assign) or isinstance(node.node, (nodes.List, nodes.Tuple, nodes.Const)):
                out.append((node.lineno, not_by_table(name)))
                continue
            for pair in node.node.find_all(nodes.Pair):
                if isinstance(pair.key, nodes.Const) and pair.key.value not in BY_ID:
                    out.append((pair.lineno, unknown_id(name, pair.key.value)))
    return out
