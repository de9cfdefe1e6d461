"""click's own words in Chinese: help headings, the --help/--version lines, metavars, ranges and
the argument errors (“Usage:”, “Options:”, “Show this message and exit.”, “Path … is not
readable.”, “x>=1” …).

click looks its strings up through gettext at call time (``_`` and ``ngettext`` in each module),
so replacing those two names in click's modules translates every message click formats, without
touching how it parses.  Installed once by ``main.py``; unknown strings stay as they are.
"""
from __future__ import annotations

import click

WORDS = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "子命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Aborted!": "已中断。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "查看用法：{command} {option}",
    # The argument errors stay English here: main.chinese_usage words them (one place, tested).
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件", "directory": "文件夹", "path": "路径",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "deprecated": "已弃用",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Do you want to continue?": "是否继续？",
    "Press any key to continue...": "按任意键继续……",
    "Error: invalid input": "错误：输入无效",
    "unknown error": "未知错误",
}
PLURALS: dict[str, str] = {}  # plural forms are argument errors: see main.chinese_usage


def _(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if n == 1:
        return _(singular)
    target = PLURALS.get(plural, plural)
    return _(target) if target in WORDS else target


def _describe_range(self) -> str:
    """“x>=1” in words: 不小于 1, 1 到 8 之间 …"""
    low = None if self.min is None else f"{'大于' if self.min_open else '不小于'} {self.min}"
    high = None if self.max is None else f"{'小于' if self.max_open else '不大于'} {self.max}"
    return "，".join(x for x in (low, high) if x)


def _metavar(param) -> str | None:
    t = param.type
    if isinstance(t, click.Path):
        return "文件夹" if not t.file_okay else "文件" if not t.dir_okay else "路径"
    if isinstance(t, (click.IntRange, click.types.IntParamType)):
        return "整数"
    if isinstance(t, (click.FloatRange, click.types.FloatParamType)):
        return "数字"
    if isinstance(t, click.types.StringParamType):
        return "文本"
    return None


ARGUMENTS = {"workbook": "工作簿.xlsx", "path": "工作簿.xlsx", "input_dir": "文件夹", "directory": "模板目录",
             "report": "报告或文件夹"}


def localize_command(command: click.Command) -> None:
    """Chinese metavars: [选项], 子命令, 工作簿.xlsx and 文件/文件夹/整数 instead of WORKBOOK/PATH/INTEGER."""
    command.options_metavar = "[选项]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "子命令 [参数]…"
        for sub in command.commands.values():
            localize_command(sub)
    for param in command.params:
        if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
            param.metavar = _metavar(param)
        elif isinstance(param, click.Argument) and param.metavar is None and param.name in ARGUMENTS:
            param.metavar = ARGUMENTS[param.name]


def install(group: click.Group) -> None:
    import importlib
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a future click without that module
            continue
        if hasattr(module, "_"):
            module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    click.types._NumberRangeBase._describe_range = _describe_range
    localize_command(group)


def render_options_section(ctx: click.Context, formatter, render: click.Command) -> None:
    """`make-report --help` also lists what `make-report 工作簿.xlsx` accepts (-o, --pdf, --templates …)."""
    rows = [p.get_help_record(ctx) for p in render.get_params(ctx) if isinstance(p, click.Option)
            and p.name != "help"]
    rows = [r for r in rows if r]
    if rows:
        with formatter.section("生成报告的选项（make-report 工作簿.xlsx [选项]）"):
            formatter.write_dl(rows)


def short_usage(group: click.Group) -> str:
    """What `make-report` alone prints: the usage and the subcommands, no “错误：”."""
    names = "、".join(n for n in sorted(group.commands) if n != "render")
    return ("用法：make-report 工作簿.xlsx [选项]      审核并生成 Word 报告\n"
            "      make-report 子命令 [参数]…\n"
            f"子命令：{names}\n"
            "查看完整说明：make-report --help；某个子命令的说明：make-report 子命令 --help")
