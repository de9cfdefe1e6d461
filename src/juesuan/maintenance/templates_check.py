"""Template maintenance: render every narrative template against every bundled example and list
the problems a reader would see (``make-report templates check``).  The parts templates are
checked by :func:`check_part_templates` below.
"""
from __future__ import annotations

from pathlib import Path

from juesuan.render import lint as textlint
from juesuan.maintenance.examples import example_reports
from juesuan.figures import compute
from juesuan.render.narrative import render_section
from juesuan.templating.template_set import NARRATIVE, Templates
from juesuan.templating.env import TemplateProblem, template_problem

# The checks on rendered text are juesuan.render.lint's, the same lint every render runs; kept importable
# here for the template tests.
lint_paragraph = textlint.lint_paragraph


def check_templates(override: Path | None = None) -> list[str]:
    """Render every narrative template (all variants) against every bundled example; list every
    problem in Chinese (empty list = all good)."""
    problems: list[str] = []
    if override is not None and not Path(override).is_dir():
        return [f"模板目录不存在：{override}"]
    templates = Templates(override)
    if override is not None:
        shipped = set(templates.shipped_names())
        from juesuan.templating.limits import inside
        for p in sorted(override.rglob("*")):
            if p.is_symlink() and not inside(str(p), str(override)):
                problems.append(f"{p}：是指向模板目录之外的链接（{p.resolve()}），出于安全考虑不会读取（include 它也不行）")
            elif p.is_file() and p.name not in shipped:
                problems.append(f"{p}：不对应任何内置模板文件，不会被使用（文件名须与内置模板完全相同）")
    try:
        env = templates.narrative_env
        data = templates.sections
        templates.charts  # noqa: B018 - loaded to report a broken charts.json
    except TemplateProblem as exc:
        return problems + [str(exc)]
    names = []
    for name in dict.fromkeys(s["template"] for s in data["sections"] if s.get("template")):
        try:  # syntax first, once per file
            env.get_template(f"{NARRATIVE}/{name}")
            names.append(name)
        except Exception as exc:  # every failure is listed, none stops the check
            problems.append(str(template_problem(exc, f"{NARRATIVE}/{name}")))
    examples = example_reports()
    if not examples:
        problems.append("找不到内置示例数据，无法试渲染模板")
    contexts = [(label, compute(report).context()) for label, report in examples]
    static = _undefined_everywhere(env, names, [ctx for _, ctx in contexts])
    problems.extend(str(p) for p in static)
    named = {p.template for p in static}
    seen: set[str] = set()
    for label, ctx in contexts:
        for name in names:
            try:
                paragraphs = render_section(env, name, ctx)
            except TemplateProblem as exc:
                if exc.template in named and exc.message.startswith("变量"):
                    continue  # every undefined name of this file is listed above, each with its line
                if str(exc) not in seen:  # the same fault in the next example is not news
                    seen.add(str(exc))
                    problems.append(f"[示例 {label}] {exc}")
                continue
            for i, text in enumerate(paragraphs, 1):
                for msg in lint_paragraph(text):
                    problems.append(f"[示例 {label}] 模板 {NARRATIVE}/{name} 第{i}段：{msg}：{text}")
            for msg in textlint.lint_shares(paragraphs):
                problems.append(f"[示例 {label}] 模板 {NARRATIVE}/{name}：{msg}")
    return problems


def _undefined_everywhere(env, names: list[str], contexts: list[dict]) -> list[TemplateProblem]:
    """Every undefined name of each template, with its line (rendering would stop at the first);
    a loop variable is checked against the first item of each example that has one."""
    from juesuan.templating.messages import undefined_names
    out: list[TemplateProblem] = []
    for name in names:
        try:
            source, filename, _ = env.loader.get_source(env, f"{NARRATIVE}/{name}")
        except Exception:  # noqa: BLE001 - already reported by the syntax pass
            continue
        found: dict[tuple[int, str], None] = {}
        for ctx in contexts:
            for item in undefined_names(env, source, ctx):
                found[item] = None
        for line, path in sorted(found):
            out.append(TemplateProblem(filename or f"{NARRATIVE}/{name}", line, f"变量 {path} 未定义"))
    return out


def check_part_templates(override: Path | None = None) -> list[str]:
    """Render the parts templates (第一、二、四、五、六部分 and the 第三部分 title) with every bundled
    example; list the problems in Chinese (empty list = all good).  For `templates check`."""
    from juesuan.templating.env import TemplateProblem
    from juesuan.templating.messages import RecordingEnv, recorded_undefined
    from juesuan.render.lint import lint_blocks
    from juesuan.render.document import cover_context
    from juesuan.render.parts import part1, part2, part3_title, part4, part5, part6
    problems: list[str] = []
    try:
        env = RecordingEnv(Templates(override).parts_env)  # notes each context: every undefined name below
    except Exception as exc:  # a broken override folder
        return [f"模板目录无法使用：{exc}"]
    undefined_at: list[TemplateProblem] = []
    examples = example_reports()
    if examples:  # the Word master: opened and its cover filled in, as a render would
        from juesuan.render.docx.master import render_master
        try:
            render_master(cover_context(examples[0][1]), Templates(override))
        except TemplateProblem as exc:
            problems.append(str(exc))
    for name, report in examples:
        for build in (part1, part2, part3_title, part4, part5, part6):
            try:
                blocks = build(env, report)
            except TemplateProblem as exc:
                if exc.message.startswith("变量"):
                    undefined_at.append(exc)
                else:
                    problems.append(f"{name}：{exc}")
                continue
            # the same text lint every render runs (leftover tags, doubled words, empty goals …)
            for hit in lint_blocks(blocks):
                problems.append(f"{name}：{hit.line()}")
    static = [TemplateProblem(f, line, f"变量 {path} 未定义") for f, line, path in recorded_undefined(env)]
    listed = {p.template for p in static}
    problems += [str(p) for p in static]
    problems += [str(p) for p in undefined_at if p.template not in listed]  # not found statically: as rendered
    return sorted(set(problems))


def check_all(override: Path | None = None) -> list[str]:
    """Every problem of a template folder (narrative and parts templates), for `templates check`."""
    return check_templates(override) + check_part_templates(override)
