"""make-report templates check [DIR] | vars [--markdown]: for template maintainers."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, fail


@click.group(short_help="模板维护：试渲染检查、列出可用变量")
def templates_group() -> None:
    """第三部分文字模板（templates/narrative/）的维护命令。

    \b
    覆盖模板：把要改的内置模板文件复制到一个目录，只改这些文件，然后
      make-report 工作簿.xlsx --templates 目录
    """


@templates_group.command("check", short_help="用内置示例试渲染全部模板，列出所有问题")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def check_command(directory: Path | None) -> None:
    """用内置示例渲染每个模板（模板目录中的同名文件替换内置文件），列出全部问题。"""
    from juesuan import check_templates
    problems = check_templates(directory)
    for p in problems:
        click.echo(f"  {p}")
    if problems:
        click.echo(f"\n模板检查完成：发现 {len(problems)} 个问题。")
        sys.exit(EXIT_FINDINGS)
    click.echo("模板检查完成：没有发现问题。")
    sys.exit(EXIT_OK)


@templates_group.command("vars", short_help="列出模板可用的变量、过滤器和测试")
@click.option("--markdown", is_flag=True, help="输出 Markdown（即 docs/TEMPLATE_VARIABLES.md 的内容）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件而不是屏幕")
@click.option("--force", is_flag=True, help="文件已存在时覆盖")
def vars_command(markdown: bool, output: str | None, force: bool) -> None:
    """列出模板（第三部分与其他部分）可用的每个变量（类型、说明、示例值）、函数、过滤器和测试。"""
    from juesuan import template_variables, variables_markdown
    target = _vars_target(output, force) if output is not None else None
    if markdown:
        text = variables_markdown()
    else:
        ref = template_variables()
        lines = ["变量："]
        lines += [f"  {path}  [{tp}]  {desc}" + (f"  例：{ex}" if ex else "") for path, tp, desc, ex in ref["variables"]]
        lines += ["", "各部分的变量（templates/parts/）："]
        lines += [f"  {path}  [{tp}]  {desc}" + (f"  例：{ex}" if ex else "") for path, tp, desc, ex in ref["parts"]]
        lines += ["", "函数："] + [f"  {name}  {desc}  例：{ex}" for name, desc, ex in ref["functions"]]
        lines += ["", "过滤器："] + [f"  |{name}  {' '.join(desc.split())}" + (f"  例：{ex}" if ex else "")
                                   for name, desc, ex in ref["filters"]]
        lines += ["", "测试："] + [f"  is {name}  {desc}  例：{ex}" for name, desc, ex in ref["tests"]]
        lines += ["", "公开表的文字（parts/tables.j2 中 {% set %} 的名称）："]
        lines += [f"  {name}  {desc}" + (f"  例：{ex}" if ex else "") for name, desc, ex in ref["tables"]]
        lines += ["", "旧名称（仍可用）："] + [f"  {old} = {new}  {desc}" for old, new, desc in ref["aliases"]]
        text = "\n".join(lines) + "\n"
    if target is not None:
        from juesuan import InputError, save_text
        try:
            save_text(target, text)
        except InputError as exc:
            fail(exc.message)
        click.echo(f"已写入 {target}")
    else:
        click.echo(text, nl=False)


def _vars_target(output: str, force: bool) -> Path:
    """Where ``templates vars -o`` may write: a file name in an existing folder, never over an
    existing file without --force (a mistyped -o must not destroy a workbook)."""
    if not output.strip():
        fail("-o 后面的输出文件名是空的。")
    target = Path(output)
    if not target.parent.is_dir():
        fail(f"输出文件夹不存在：{target.parent}")
    if target.exists() and not force:
        fail(f"文件“{target}”已存在；如要覆盖请加 --force。")
    if target.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".docx", ".doc", ".pdf") and not force:
        fail(f"“{target.name}”是工作簿或文档的文件名，变量清单是文本（如 变量.md）；确实要写入请加 --force。")
    return target
