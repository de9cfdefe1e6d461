"""Limits for the Jinja templates a maintainer may override (``--templates DIR``).

Jinja's SandboxedEnvironment stops templates from reaching Python internals, but not from
asking for unbounded work: ``{{ 'x'*2000000000 }}`` takes gigabytes, ``{{ 10**1000000000 }}``
never finishes, nested ``range(100000)`` loops run for hours, and an ``{% include %}`` follows a
symbolic link anywhere on the disk.  Every template environment of the program is a
:class:`LimitedEnvironment` loading through a :class:`ConfinedLoader`:

* one ``*``, ``+``, ``~``, ``%``, string method or filter may make at most MAX_SIZE characters
  or items, and ``**`` at most MAX_POWER_BITS bits; ``range`` at most MAX_RANGE numbers;
* one template render may take MAX_STEPS loop steps and calls, write MAX_OUTPUT characters and
  run MAX_SECONDS seconds (wall clock, checked at every call, loop step and attribute access);
* a template file is read only if it really lies inside its folder (links are resolved).

A template that breaks a limit fails like any other template error: a TemplateProblem naming the
file and line, in Chinese.  The limits are far above what the shipped templates use (a whole
report is about 50 000 characters).
"""
from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Sequence

from jinja2 import FileSystemLoader
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

MAX_SIZE = 1_000_000
MAX_POWER_BITS = 4096
MAX_RANGE = 10_000
MAX_STEPS = 2_000_000
MAX_OUTPUT = 5_000_000
MAX_SECONDS = 10.0
# Blocks a parts template may write (a report has ~100 headings plus one per project form, and
# ~2 000 paragraphs with 5 000 科目 rows): far above that is a loop gone wrong, not a report.
MAX_HEADINGS = 5_000
MAX_PARAGRAPHS = 50_000
clock = time.monotonic  # the wall clock of the budget (a test passes one that it advances itself)

_state = threading.local()
_BIG_NUMBER = re.compile(r"\d{7,}")


class _Budget:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = clock() + seconds
        self.steps = 0


@contextlib.contextmanager
def budget(seconds: float | None = None):
    """Time and step budget of one template render (nested renders share the outer one);
    ``seconds`` defaults to MAX_SECONDS as it is when the render starts, not when this was imported."""
    outer = getattr(_state, "budget", None)
    if outer is None:
        _state.budget = _Budget(MAX_SECONDS if seconds is None else seconds)
    try:
        yield
    finally:
        if outer is None:
            _state.budget = None


def _tick() -> None:
    b = getattr(_state, "budget", None)
    if b is None:
        return
    b.steps += 1
    if b.steps > MAX_STEPS:
        raise SecurityError(f"运算步数超过上限 {MAX_STEPS}（循环或调用过多）")
    if clock() > b.deadline:
        raise SecurityError(f"运行超过 {b.seconds:g} 秒，已停止（循环过多或计算过大）")


def _sized(value):
    """``value`` unless it is a string or collection longer than MAX_SIZE."""
    if isinstance(value, (str, bytes, list, tuple, dict, set)) and len(value) > MAX_SIZE:
        raise SecurityError(f"生成的内容长度 {len(value)} 超过上限 {MAX_SIZE}")
    return value


def _no_big_ints(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise SecurityError(f"参数 {value} 超过上限 {MAX_SIZE}")


def _no_big_widths(fmt) -> None:
    if isinstance(fmt, str) and _BIG_NUMBER.search(fmt):
        raise SecurityError("格式中的宽度或精度超过上限")


def _replace_size(text, old, new, count=-1) -> int:
    if not isinstance(text, str) or not isinstance(old, str) or not isinstance(new, str):
        return 0
    hits = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(0, len(new) - len(old))


class LimitedRange(Sequence):
    """``range`` for templates: at most MAX_RANGE numbers, every step counted."""

    def __init__(self, *args):
        self._range = range(*args)
        if len(self._range) > MAX_RANGE:
            raise SecurityError(f"range 的长度 {len(self._range)} 超过上限 {MAX_RANGE}")

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index):
        return self._range[index]

    def __iter__(self):
        for n in self._range:
            _tick()
            yield n


class _LimitedCodeGenerator(CodeGenerator):
    """``a ~ b`` is compiled to a join that no sandbox hook sees; route it through one."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.limited_join(")
        super().visit_Concat(node, frame)
        self.write(")")


# the built-in filters whose integer arguments are widths or counts of the text they make
_SHAPING = {"do_center", "do_indent", "do_wordwrap", "do_truncate", "do_format", "do_batch", "do_slice"}


def _limited_filter(func):
    shaping = getattr(func, "__name__", "") in _SHAPING

    def run(*args, **kwargs):
        _tick()
        if shaping:
            _no_big_ints(args, kwargs)
        if getattr(func, "__name__", "") == "do_format" and args:
            _no_big_widths(args[0])
        if getattr(func, "__name__", "") == "do_replace" and len(args) >= 4:
            if _replace_size(str(args[1]), str(args[2]), str(args[3]), args[4] if len(args) > 4 else -1) > MAX_SIZE:
                raise SecurityError(f"替换后的长度超过上限 {MAX_SIZE}")
        return _sized(func(*args, **kwargs))

    for attr in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(func, attr):
            setattr(run, attr, getattr(func, attr))
    return run


class LimitedEnvironment(SandboxedEnvironment):
    """SandboxedEnvironment with size, power, range, step and time limits (see the module)."""

    code_generator_class = _LimitedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals["range"] = LimitedRange
        self.globals.pop("lipsum", None)  # lipsum(n=…) writes as much text as asked
        self.filters = _LimitedFilters(self.filters)

    @staticmethod
    def limited_join(value):
        return _sized(value)

    def call_binop(self, context, operator, left, right):
        _tick()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, bytes, list, tuple)) and isinstance(n, int) and len(seq) * max(n, 0) > MAX_SIZE:
                    raise SecurityError(f"重复后的长度 {len(seq) * n} 超过上限 {MAX_SIZE}")
            if isinstance(left, int) and isinstance(right, int) and \
                    abs(left).bit_length() + abs(right).bit_length() > MAX_POWER_BITS * 2:
                raise SecurityError("乘积过大")
        elif operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)):
                bits = max(1, abs(int(left)).bit_length() if abs(left) >= 1 else 1)
                if abs(right) * bits > MAX_POWER_BITS and abs(left) != 1:
                    raise SecurityError(f"乘方 {left}**{right} 的结果过大")
        elif operator == "%":
            _no_big_widths(left)
            if isinstance(left, str):
                _no_big_ints(right if isinstance(right, tuple) else (right,), {})
        elif operator == "+":
            for a, b in ((left, right),):
                if isinstance(a, (str, list, tuple)) and isinstance(b, (str, list, tuple)) and \
                        len(a) + len(b) > MAX_SIZE:
                    raise SecurityError(f"连接后的长度超过上限 {MAX_SIZE}")
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        _tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (str, bytes, list, tuple, dict)):
            _no_big_ints(args, kwargs)
            name = getattr(__obj, "__name__", "")
            if name in ("format", "format_map"):
                _no_big_widths(owner)
            if name == "replace" and isinstance(owner, str) and len(args) >= 2 and \
                    _replace_size(owner, *args[:3]) > MAX_SIZE:
                raise SecurityError(f"替换后的长度超过上限 {MAX_SIZE}")
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj, attribute):
        _tick()
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value):
        """str.format / format_map reach templates through this wrapper (not through ``call``):
        a width like {:>2000000000} is refused before anything is padded."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _no_big_widths(value.__self__)

        def checked(*args, **kwargs):
            _no_big_ints(args, kwargs)
            return _sized(wrapped(*args, **kwargs))

        return checked

    def getitem(self, obj, argument):
        _tick()
        return super().getitem(obj, argument)


class _LimitedFilters(dict):
    """The filter table: every filter (also those added later) wrapped by _limited_filter."""

    def __init__(self, filters):
        super().__init__()
        for name, func in filters.items():
            self[name] = func

    def __setitem__(self, name, func):
        super().__setitem__(name, _limited_filter(func))

    def update(self, *args, **kwargs):
        for name, func in dict(*args, **kwargs).items():
            self[name] = func


def render_limited(template, context: dict, seconds: float | None = None) -> str:
    """``template.render(context)`` within the budget (``seconds``, default MAX_SECONDS) and with
    at most MAX_OUTPUT characters."""
    out: list[str] = []
    size = 0
    with budget(seconds):
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise SecurityError(f"输出超过 {MAX_OUTPUT} 个字符，已停止")
            out.append(piece)
    return "".join(out)


class OutsideFolder(Exception):
    """A template file that is a link to somewhere outside its templates folder."""

    def __init__(self, name: str, target: str):
        super().__init__(name)
        self.name, self.target = name, target


def inside(path: str, root: str) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


class ConfinedLoader(FileSystemLoader):
    """FileSystemLoader that refuses a file whose real path (links resolved) is outside its folder."""

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        for root in self.searchpath:
            candidate = os.path.join(root, *pieces)
            if os.path.isfile(candidate):
                if not inside(candidate, root):
                    raise OutsideFolder(template, os.path.realpath(candidate))
                break
        else:
            raise TemplateNotFound(template)
        return super().get_source(environment, template)
