"""Template problems told the way a maintainer can act on them.

* :func:`syntax_line` — the line of the *broken tag*.  Jinja reports where its parser noticed the
  fault: for a tag left open (``{% if x`` without ``%}``) that is the next line, for a block never
  closed (``{% if %}`` without ``{% endif %}``) the end of the file.  The lexer's tokens say where
  the open tag began.
* :func:`explain_syntax` — Jinja's English message in Chinese, with what to write instead.
* :func:`undefined_names` — every name the template uses that the context does not have, each
  with its line (rendering stops at the first one; this reads the whole file).
"""
from __future__ import annotations

import re

# Block tags that need an end tag (set only in its block form, without “=”).
_BLOCKS = {"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "trans", "raw"}


def syntax_line(env, source: str, line: int | None, message: str) -> int | None:
    """The line of the tag that is broken, for a TemplateSyntaxError at ``line``."""
    if source is None or line is None:
        return line
    if env is None:
        from jinja2 import Environment
        env = Environment()
    tokens = _tokens(env, source)
    nesting = "innermost block that needs to be closed" in message
    if nesting or message.lower().startswith("unexpected end of template"):
        if nesting and not message.startswith("Unexpected end of template"):
            tokens = [t for t in tokens if t[0] < line]  # the block left open before the stray end tag
        stack: list[tuple[str, int]] = []
        open_tag = None
        for i, (lineno, kind, value) in enumerate(tokens):
            if kind in ("block_begin", "variable_begin"):
                open_tag = lineno
            elif kind in ("block_end", "variable_end"):
                open_tag = None
            if kind == "block_begin" and i + 1 < len(tokens) and tokens[i + 1][1] == "name":
                name = tokens[i + 1][2]
                if name == "set":  # {% set x = … %} has no end tag; {% set x %}…{% endset %} has
                    j = i + 3
                    if j < len(tokens) and tokens[j][2] == "=":
                        continue
                    stack.append((name, lineno))
                elif name in _BLOCKS:
                    stack.append((name, lineno))
                elif name.startswith("end") and stack and stack[-1][0] == name[3:]:
                    stack.pop()
        if open_tag is not None:  # a tag opened and never closed with %} / }}
            return open_tag
        return stack[-1][1] if stack else line
    open_tag = None
    for lineno, kind, _ in tokens:
        if lineno >= line:
            return open_tag if open_tag is not None and open_tag < line else line
        if kind in ("block_begin", "variable_begin"):
            open_tag = lineno
        elif kind in ("block_end", "variable_end"):
            open_tag = None
    return open_tag if open_tag is not None and open_tag < line else line


def _tokens(env, source: str) -> list[tuple[int, str, str]]:
    """The lexer's tokens up to where it stops (a lexer error ends the list, it is not raised)."""
    out = []
    try:
        for lineno, kind, value in env.lex(source):
            if kind not in ("whitespace", "comment_begin", "comment", "comment_end"):
                out.append((lineno, kind, value))
    except Exception:  # noqa: BLE001 - the tokens before the fault are what we need
        pass
    return out


_TOKENS_ZH = {
    "end of statement block": "%}", "end of print statement": "}}", "end of template": "模板结尾",
    "name": "名称", "string": "字符串", "integer": "整数",
}


def _token(text: str) -> str:
    return _TOKENS_ZH.get(text, text)


_SYNTAX = (
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. "
     r"The innermost block that needs to be closed is '(\w+)'\.",
     lambda m: f"{{% {m.group(2)} %}} 没有对应的 {{% end{m.group(2)} %}}（到模板结尾还没有结束）；"
               f"请在该块结束处加上 {{% end{m.group(2)} %}}"),
    (r"Encountered unknown tag '(end\w+)'\. You probably made a nesting mistake\..*"
     r"The innermost block that needs to be closed is '(\w+)'\.",
     lambda m: f"{{% {m.group(2)} %}} 没有对应的 {{% end{m.group(2)} %}}：它结束之前就遇到了 {{% {m.group(1)} %}}；"
               f"请补上 {{% end{m.group(2)} %}}"),
    (r"Encountered unknown tag '(end\w+)'\..*",
     lambda m: f"{{% {m.group(1)} %}} 前面没有对应的 {{% {m.group(1)[3:]} %}}；请删除它或补上开始标签"),
    (r"Encountered unknown tag '(\w+)'\..*", lambda m: f"不认识的标签 {{% {m.group(1)} %}}（是否拼错？可用 if、for、set、macro、import 等）"),
    (r"unexpected end of template, expected '(.+?)'\.?", lambda m: f"标签没有结束：缺少“{_token(m.group(1))}”"),
    (r"expected token '(end of statement block|end of print statement)', got '(.+?)'",
     lambda m: f"标签没有用“{_token(m.group(1))}”结束（遇到了“{m.group(2)}”）；请补上“{_token(m.group(1))}”"),
    (r"expected token '(.+?)', got '(.+?)'", lambda m: f"这里应为“{_token(m.group(1))}”，实际是“{_token(m.group(2))}”"),
    (r"unexpected '(end of print statement|end of statement block)'",
     lambda m: f"表达式不完整：“{_token(m.group(1))}”前面缺少内容"),
    (r"unexpected '([^']+)'", lambda m: f"多余的“{m.group(1)}”（变量写成 {{{{ 名称 }}}}，标签写成 {{% … %}}，两边要成对）"),
    (r"unexpected char '(.+?)' at \d+", lambda m: f"出现了模板中不允许的字符 {m.group(1)}"),
    (r"Expected an expression, got '(.+?)'", lambda m: f"缺少表达式（遇到了“{_token(m.group(1))}”）"),
    (r"tag name expected", lambda m: "“{%” 后面缺少标签名"),
    (r"Missing end of comment tag", lambda m: "注释 {# 没有用 #} 结束"),
    (r"Missing end of raw directive", lambda m: "{% raw %} 没有对应的 {% endraw %}"),
    (r"unexpected end of template", lambda m: "模板在标签中间结束了（缺少 %} 或 }}）"),
    (r"No (filter|test) named '([^']+)'\.?.*",
     lambda m: f"没有名为 {m.group(2)} 的{'过滤器' if m.group(1) == 'filter' else '测试'}"),
)


KNOWN_TAGS = ("if", "elif", "else", "endif", "for", "endfor", "set", "endset", "macro", "endmacro", "call",
              "endcall", "filter", "endfilter", "with", "endwith", "include", "import", "from", "block", "endblock",
              "raw", "endraw", "do", "break", "continue", "extends", "autoescape", "endautoescape")


def describe_syntax(source: str | None, line: int | None, message: str) -> tuple[int | None, str]:
    """(line, Chinese message) of a syntax error, told by its real cause: a misspelt tag on its own
    line with the tag meant, a block left open before a tag that belongs outside it (with the line
    that opened it), a ``{{`` or ``{%`` left open before text that cannot be in a tag."""
    import difflib
    text = " ".join((message or "").split())
    m = re.match(r"Encountered unknown tag '(\w+)'\.(?: Jinja was looking for the following tags: (.+?)\.)?", text)
    if m and m.group(1) not in KNOWN_TAGS:
        tag = m.group(1)
        wanted = re.findall(r"'(\w+)'", m.group(2) or "")
        close = difflib.get_close_matches(tag, wanted + [t for t in KNOWN_TAGS if t not in wanted], n=1, cutoff=0.6)
        if close:
            return line, f"模板语法错误：不认识的标签 {{% {tag} %}}，是否想写 {{% {close[0]} %}}？"
    inner = re.search(r"The innermost block that needs to be closed is '(\w+)'", text)
    if m and inner and m.group(1) in KNOWN_TAGS:
        tag, block = m.group(1), inner.group(1)
        opened = syntax_line(None, source, line, message)
        if opened is not None and opened != line:
            return opened, (f"模板语法错误：{{% {block} %}} 没有对应的 {{% end{block} %}}：它结束之前就遇到了 "
                            f"{{% {tag} %}}（第{line}行）；请在第{line}行之前补上 {{% end{block} %}}")
    char = re.match(r"unexpected char '(.+?)' at \d+", text)
    if char and source is not None and line is not None:
        from jinja2 import Environment
        opened, kind = None, None
        for lineno, k, _ in _tokens(Environment(), source):
            if k in ("block_begin", "variable_begin"):
                opened, kind = lineno, k
            elif k in ("block_end", "variable_end"):
                opened = None
        if opened is not None:
            begin, end = ("{{", "}}") if kind == "variable_begin" else ("{%", "%}")
            return opened, (f"模板语法错误：第{opened}行的“{begin}”没有用“{end}”结束"
                            f"（第{line}行遇到了“{char.group(1)}”）；请补上“{end}”")
    return syntax_line(None, source, line, message), explain_syntax(message)


JSON_MESSAGES = (
    ("Expecting value", "这里应有一个值（文字要用英文双引号括起；最后一项后面不能有逗号）"),
    ("Expecting ',' delimiter", "缺少逗号“,”（相邻两项之间要用英文逗号隔开）"),
    ("Expecting ':' delimiter", "缺少冒号“:”（写成 \"键\": 值）"),
    ("Expecting property name enclosed in double quotes", "这里应为用英文双引号括起的键名（最后一项后面不能有逗号）"),
    ("Extra data", "文件在 JSON 结束之后还有多余的内容"),
    ("Unterminated string", "字符串没有结束（缺少右边的英文双引号）"),
    ("Invalid control character", "字符串中有换行或控制字符（换行请写 \\n）"),
    ("Invalid \\escape", "无效的转义（反斜杠 \\ 要写成 \\\\）"),
)


def json_message(message: str) -> str:
    """json's English message in Chinese."""
    for english, chinese in JSON_MESSAGES:
        if message.startswith(english):
            return chinese
    return f"无法解析（原文：{message}）"


def nearest_names(name: str, names) -> str:
    """（是否想写 a、b？） for a misspelt name, or nothing."""
    import difflib
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.5)
    return f"（是否想写 {'、'.join(close)}？）" if close else ""


def known_names(kind: str) -> list[str]:
    """Every filter (``kind`` = filter) or test name a template environment has."""
    from jinja2.filters import FILTERS
    from jinja2.tests import TESTS as JINJA_TESTS

    from juesuan.templating.join import JOIN_FILTERS
    from juesuan.templating.names import FILTER_NAMES, TEST_DOCS
    if kind == "filter":
        return [*FILTERS, *FILTER_NAMES, *JOIN_FILTERS]
    return [*JINJA_TESTS, *TEST_DOCS]


def explain_syntax(message: str) -> str:
    """Jinja's syntax message in Chinese; an unknown one keeps Jinja's words after a Chinese lead."""
    text = " ".join((message or "").split())
    for pattern, words in _SYNTAX:
        m = re.fullmatch(pattern, text) or re.match(pattern, text)
        if m:
            return f"模板语法错误：{words(m)}"
    return f"模板语法错误（Jinja 原文：{text}）"


# ---------------------------------------------------------------------------------------------
# Every undefined name, with its line
# ---------------------------------------------------------------------------------------------
_MISSING = object()
_BUILTIN = {"loop", "caller", "varargs", "kwargs", "self", "super", "true", "false", "none", "True", "False", "None"}


def _attr(value, name: str):
    """``value.name`` as Jinja looks it up: the attribute, else the item."""
    try:
        return getattr(value, name)
    except Exception:  # noqa: BLE001 - a property that fails counts as missing
        pass
    try:
        return value[name]
    except Exception:  # noqa: BLE001
        return _MISSING


def _chain(node):
    """``a.b.c`` → (Name a, ['b', 'c']), or None when the root is not a plain name."""
    from jinja2 import nodes
    attrs = []
    while isinstance(node, nodes.Getattr):
        attrs.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name):
        return node, list(reversed(attrs))
    return None


def undefined_names(env, source: str, context: dict) -> list[tuple[int, str]]:
    """(line, dotted name) for every name or attribute the template reads that ``context`` (plus the
    environment's globals and the names the template itself binds) does not have."""
    from jinja2 import nodes
    tree = env.parse(source)
    local = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    local |= {n.name for n in tree.find_all(nodes.Macro)}
    local |= {n.target for n in tree.find_all(nodes.Import)}
    for n in tree.find_all(nodes.FromImport):
        local |= {x[1] if isinstance(x, tuple) else x for x in n.names}
    known = dict(env.globals)
    known.update(context)
    bound: dict[str, object] = {}  # loop variables bound to the first element of an example list
    for loop in tree.find_all(nodes.For):
        if isinstance(loop.target, nodes.Name):
            items = _resolve(loop.iter, known, bound)
            if isinstance(items, (list, tuple)) and items:
                bound[loop.target.name] = items[0]
    found: dict[tuple[int, str], None] = {}
    for node in tree.find_all((nodes.Name, nodes.Getattr)):
        chain = _chain(node)
        if chain is None:
            continue
        root, attrs = chain
        if root.ctx != "load":
            continue
        name = root.name
        if name in bound:
            value = bound[name]
        elif name in known:
            value = known[name]
        elif name in local or name in _BUILTIN:
            continue
        else:
            found[(root.lineno, name)] = None
            continue
        path = name
        for attr in attrs:
            value = _attr(value, attr)
            path = f"{path}.{attr}"
            if value is _MISSING:
                found[(node.lineno, path)] = None
                break
    # a.b.c and a.b report the same missing attribute once
    out: list[tuple[int, str]] = []
    for line, path in sorted(found, key=lambda k: (k[0], k[1])):
        if not any(p_line == line and path.startswith(p + ".") for p_line, p in out):
            out.append((line, path))
    return out


def _resolve(expr, known: dict, bound: dict):
    chain = _chain(expr)
    if chain is None:
        return _MISSING
    root, attrs = chain
    value = bound.get(root.name, known.get(root.name, _MISSING))
    for attr in attrs:
        if value is _MISSING:
            break
        value = _attr(value, attr)
    return value
