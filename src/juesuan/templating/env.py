"""The Jinja environment every text template is rendered in.

Sandboxed, StrictUndefined, no autoescape (the output is plain text that python-docx/docxtpl
escape when they write XML).  Workbook text is only ever passed in as *values*, so a reason
that contains ``{{ x }}`` is printed as written and never evaluated.

A maintainer's override folder comes first in the search path: a file there replaces the
shipped file of the same name and nothing else.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from juesuan.spec.paths import templates_dir


@dataclass
class TemplateProblem(Exception):
    """A template failed: which file, which line, what (in Chinese)."""
    template: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.template}" + (f" 第{self.line}行" if self.line else "")
        return f"模板 {where}：{self.message}"


class TemplateValueError(Exception):
    """A filter got a value it cannot print (blank amount, a change that is 持平 …). Chinese message."""


def _cache_dir() -> Path | None:
    """A per-user folder for compiled templates, or None when none can be written."""
    base = os.environ.get("JUESUAN_CACHE_DIR")
    if not base:
        root = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        base = os.path.join(root, "juesuan", "jinja")
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return Path(base) if os.access(base, os.W_OK) else None


def _bytecode_cache():
    """Compiling ~40 templates costs ~0.2 s per run; Jinja checks each cached entry against the
    template source, so an edited template is recompiled.  A cache that cannot be read or
    written is simply not used."""
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError):
                bucket.reset()

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    folder = _cache_dir()
    # "lim1": code compiled by template_limits' generator; older cache entries are never loaded
    return QuietCache(str(folder), "juesuan-lim1-%s.cache") if folder else None


def make_env(override: Path | None = None):
    """The sandbox with limits (template_limits), reading only files really inside their folder."""
    from jinja2 import ChoiceLoader, StrictUndefined

    from juesuan.templating.limits import ConfinedLoader, LimitedEnvironment
    loaders = []
    if override is not None:
        loaders.append(ConfinedLoader(str(override)))
    loaders.append(ConfinedLoader(str(templates_dir())))
    env = LimitedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=False,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                               bytecode_cache=_bytecode_cache())
    from juesuan.templating.join import JOIN_FILTERS
    env.filters.update(JOIN_FILTERS)  # joining workbook text without doubled words (every template)
    return env


# ---------------------------------------------------------------------------------------
# Any template failure -> TemplateProblem (file, line, variable, in Chinese)
# ---------------------------------------------------------------------------------------
FIGURES_MODULE_PREFIX = re.compile(r"juesuan\.(?:figures|spec)\.(?:\w+\.)*")
_UNDEFINED = re.compile(r"^'([^']+)' is undefined$")
_NO_ATTR = re.compile(r"^'(.+?)' (?:object )?has no attribute '([^']+)'$")
_NO_FILTER = re.compile(r"^No (filter|test) named '([^']+)'")
_NO_ELEMENT = re.compile(r"^'?(.+?)'? has no element (.+)$")


def _expression(filename: str, line: int | None, attr: str) -> str | None:
    """The ``a.b.attr`` written on that template line, to name the variable in the message."""
    try:
        text = Path(filename).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError, TypeError):
        return None
    m = re.search(r"([A-Za-z_][\w.\[\]]*)\." + re.escape(attr) + r"\b", text)
    return f"{m.group(1)}.{attr}" if m else None


def _no_such(m) -> str:
    """没有名为 X 的过滤器/测试, with the nearest real names."""
    from juesuan.templating.messages import known_names, nearest_names
    kind = m.group(1)
    return (f"没有名为 {m.group(2)} 的{'过滤器' if kind == 'filter' else '测试'}"
            f"{nearest_names(m.group(2), known_names(kind))}")


def template_problem(exc: Exception, template: str) -> TemplateProblem:
    """Turn a Jinja/filter exception into 模板文件 + 行 + 中文说明 (every text template uses this)."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    if isinstance(exc, TemplateProblem):
        return exc
    from juesuan.templating.limits import OutsideFolder
    if isinstance(exc, OutsideFolder):
        return TemplateProblem(exc.name, None, f"是指向模板目录之外的链接（{exc.target}），出于安全考虑不读取")
    filename, line = template, None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            filename, line = name, tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, TemplateSyntaxError):
        filename, line = exc.filename or exc.name or filename, exc.lineno
        m = _NO_FILTER.match(exc.message or "")
        if m:
            return TemplateProblem(filename, line, _no_such(m))
        from juesuan.templating.messages import describe_syntax
        source = exc.source
        if source is None and exc.filename:
            try:
                source = Path(exc.filename).read_text(encoding="utf-8")
            except OSError:
                source = None
        line, message = describe_syntax(source, line, exc.message or "")
        return TemplateProblem(filename, line, message)
    message = str(exc)
    if isinstance(exc, TemplateNotFound):
        return TemplateProblem(filename, line, f"找不到模板文件 {exc.name}")
    if isinstance(exc, UndefinedError):
        m = _UNDEFINED.match(message)
        m2 = _NO_ATTR.match(message)
        m3 = _NO_ELEMENT.match(message)
        if m:
            message = f"变量 {m.group(1)} 未定义"
        elif m2:
            expr = _expression(filename, line, m2.group(2))
            owner = FIGURES_MODULE_PREFIX.sub("", m2.group(1)).replace(" object", "")
            message = (f"变量 {expr} 未定义" if expr else f"属性 {m2.group(2)} 未定义") + f"（{owner} 没有属性 {m2.group(2)}）"
        elif m3:
            message = f"列表没有第 {m3.group(2)} 项（下标从 0 起）"
        else:
            message = f"未定义的变量：{message}"
    elif _NO_FILTER.match(message):
        message = _no_such(_NO_FILTER.match(message))
    elif isinstance(exc, RecursionError):
        message = "模板调用自身的层数太多（宏或 include 是否调用了自己？），已停止"
    elif isinstance(exc, SecurityError):
        message = f"模板做了不允许的操作：{message}"
    elif isinstance(exc, TemplateValueError):
        pass
    else:
        message = f"渲染出错（{type(exc).__name__}）：{message}"
    return TemplateProblem(filename, line, message)
