"""make-report: the command line. Parses arguments and prints; the work is in juesuan.*"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .console import printable_streams
from .render_cmd import render_command
from .check_cmd import check_command
from .init_cmd import init_command
from .templates_cmd import templates_group
from .batch_cmd import batch_command
from .kemu_cmd import kemu_command
from .audit_cmd import audit_command
from .import_cmd import import_command
from .serve_cmd import serve_command
from .fill_cmd import fill_command


class DefaultGroup(click.Group):
    """`make-report WORKBOOK …` means `make-report render WORKBOOK …`."""

    default_command = "render"

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage("make-report", "工作簿.xlsx [选项] | 子命令 …")

    def format_options(self, ctx, formatter):
        from .chinese import render_options_section
        super().format_options(ctx, formatter)
        render_options_section(ctx, formatter, self.commands[self.default_command])


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="juesuan", message="juesuan %(version)s", help="显示版本号并退出。")
def cli():
    """juesuan（决算）：审核部门决算工作簿并生成部门决算公开 Word 报告。

    \b
    make-report 工作簿.xlsx            审核并生成报告（默认命令）
    make-report check 工作簿.xlsx      只审核
    make-report init 空白工作簿.xlsx   生成空白标准工作簿
    make-report batch 文件夹           批量生成
    make-report audit 报告.pdf [工作簿.xlsx]  核对已公开的报告（表格、文字、名词解释）
    make-report templates check|vars   模板维护
    make-report kemu 工会              查科目编码、名称和说明
    make-report import 报告.pdf -o 工作簿.xlsx  从已公开的报告或决算软件导出的表格导入九张表
    make-report serve                  打开网页版（在浏览器中使用）
    make-report fill 工作簿.xlsx       按科目字典预填“科目说明”表（另存副本）
    """


cli.add_command(render_command, "render")
cli.add_command(check_command, "check")
cli.add_command(init_command, "init")
cli.add_command(templates_group, "templates")
cli.add_command(batch_command, "batch")
cli.add_command(kemu_command, "kemu")
cli.add_command(audit_command, "audit")
cli.add_command(import_command, "import")
cli.add_command(serve_command, "serve")
cli.add_command(fill_command, "fill")


# click's own argument errors are English; the common ones, said in Chinese.
_USAGE_PATTERNS = (
    (r"No such option:? '?([^'.\s]+)'?\.?(?: Did you mean (.+)\?)?", lambda m: f"没有选项 {m.group(1)}"
     + (f"（是不是 {m.group(2).replace(chr(39), '')}？）" if m.group(2) else "")),
    (r"Missing argument '?([^'.]+)'?\.?", lambda m: f"缺少参数 {m.group(1)}"),
    (r"Option '?([^'\s]+)'? requires an argument\.?", lambda m: f"选项 {m.group(1)} 后面需要一个值"),
    (r"Option '?([^'\s]+)'? does not take a value\.?", lambda m: f"选项 {m.group(1)} 不需要值"),
    (r"No such command '?([^'.]+)'?\.?", lambda m: f"没有子命令 {m.group(1)}"),
    (r"Got unexpected extra arguments? \((.+)\)", lambda m: f"多余的参数：{m.group(1)}"),
    (r"Invalid value for (.+?): (.+)", lambda m: f"参数 {m.group(1).replace(chr(39), '')} 的值无效（{chinese_usage(m.group(2))}）"),
    (r"Path '(.+)' does not exist\.?", lambda m: f"路径“{m.group(1)}”不存在"),
    (r"Directory '(.+)' is a file\.?", lambda m: f"“{m.group(1)}”是文件，不是文件夹"),
    (r"File '(.+)' is a directory\.?", lambda m: f"“{m.group(1)}”是文件夹，不是文件"),
    (r"'(.+)' is not a valid integer(?: range)?\.?", lambda m: f"“{m.group(1)}”不是有效的整数"),
    (r"(.+) is not in the range (.+?)\.?", lambda m: f"{m.group(1)} 不在允许的范围内（应{m.group(2)}）"),
    (r"(?:Path|File|Directory) '(.+)' is not (readable|writable|executable)\.?",
     lambda m: f"“{m.group(1)}”{ {'readable': '无法读取', 'writable': '无法写入', 'executable': '不能执行'}[m.group(2)]}"
               "（没有权限）"),
    (r"'(.+)' is not a valid (?:float|number)(?: range)?\.?", lambda m: f"“{m.group(1)}”不是有效的数字"),
    (r"'(.+)' is not (?:one of )?(.+)\.", lambda m: f"“{m.group(1)}”不是可选值（可选：{m.group(2)}）"),
    (r"Missing option '?([^'.]+)'?\.?", lambda m: f"缺少选项 {m.group(1)}"),
    (r"Missing command\.?", lambda m: "缺少子命令"),
)


from .chinese import install as _install_chinese  # noqa: E402 - after every add_command

_install_chinese(cli)


def chinese_usage(message: str) -> str:
    import re
    for pattern, words in _USAGE_PATTERNS:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return words(m)
    return message


def _terminate(signum, frame) -> None:
    # SIGTERM (kill, a closed terminal, a CI timeout) unwinds like Ctrl-C, so the atomic writes
    # delete their temporary files instead of leaving .part files behind.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    import signal
    printable_streams()
    try:
        signal.signal(signal.SIGTERM, _terminate)
    except (ValueError, OSError):  # not the main thread
        pass
    args = sys.argv[1:] if argv is None else list(argv)
    if not args:  # `make-report` alone: the short usage, not an error message
        from .chinese import short_usage
        click.echo(short_usage(cli), err=True)
        sys.exit(2)
    try:
        # standalone_mode=False: click would print its own English "Aborted!" on Ctrl-C
        code = cli.main(args=args, prog_name="make-report", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort) as exc:
        # render.pdf.PdfInterrupted (click wraps it in Abort): stopped while making the PDF.
        docx = getattr(exc, "docx", None) or getattr(exc.__cause__, "docx", None)
        if docx is not None:
            click.echo(f"已中断：Word 报告已完整生成（{docx}），只是 PDF 没有生成。", err=True)
        else:
            click.echo("已中断（正在写入的报告没有保存）。", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a group alone (`make-report templates`): its help
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message(), err=True)
            sys.exit(2)
        click.echo(f"错误：{chinese_usage(exc.format_message())}", err=True)
        command = exc.ctx.command_path if exc.ctx else "make-report"
        click.echo(f"查看用法：{command} --help", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"错误：{exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except Exception:  # a bug, not a bad workbook: still no traceback for the user
        import os
        if os.environ.get("JUESUAN_DEBUG"):
            raise
        click.echo("错误：程序内部出错，未能完成（工作簿没有被修改）。请把工作簿发给维护人员；"
                   "设置环境变量 JUESUAN_DEBUG=1 后重新运行可看到详细信息。", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
