"""Template maintenance: render every narrative template against every bundled example and list
the problems a reader would see (``make-report templates check``).  The parts templates are
checked by :func:`check_part_templates` below.
"""
from __future__ import annotations

import re
from pathlib import Path

from juesuan.render import lint as textlint
from juesuan.maintenance.examples import example_reports
from juesuan.figures import compute
from juesuan.render.narrative import narrative_context, render_section
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
        from juesuan.templating.limits import inside
        for p in sorted(override.rglob("*")):
            if p.is_symlink() and not inside(str(p), str(override)):
                problems.append(f"{p}：是指向模板目录之外的链接（{p.resolve()}），出于安全考虑不会读取（include 它也不行）")
        from juesuan.templating.resolve import file_problems
        problems += file_problems(templates)  # the render's own resolver: used / unused / unknown
    from juesuan.templating.resolve import section_problems
    problems += section_problems(templates)
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
    from juesuan.templating.resolve import used_names
    from juesuan.templating.static import static_problems
    for name, kind in used_names(templates).items():  # every branch: filters, tests (names: below)
        if kind == "narrative":
            problems += [str(p) for p in static_problems(env, name)]
    examples = example_reports()
    if not examples:
        problems.append("找不到内置示例数据，无法试渲染模板")
    contexts = [(label, narrative_context(report, compute(report))) for label, report in examples]
    static = _undefined_everywhere(env, names, [ctx for _, ctx in contexts])
    problems.extend(str(p) for p in static)
    named = {p.template for p in static}
    seen: set[str] = set()
    stopped: set[str] = set()  # a template that ran away is stopped once, not once per example
    for label, ctx in contexts:
        for name in names:
            if name in stopped:
                continue
            try:
                paragraphs = render_section(env, name, ctx)
            except TemplateProblem as exc:
                if "运行超过" in exc.message:
                    stopped.add(name)
                if exc.template in named and exc.message.startswith("变量"):
                    continue  # every undefined name of this file is listed above, each with its line
                if str(exc) not in seen:  # the same fault in the next example is not news
                    seen.add(str(exc))
                    problems.append(f"[示例 {label}] {exc}")
                    stopped.add(name)
                continue
            for i, text in enumerate(paragraphs, 1):
                for msg in lint_paragraph(text):
                    problems.append(f"[示例 {label}] 模板 {NARRATIVE}/{name} 第{i}段：{msg}：{text}")
            for msg in textlint.lint_shares(paragraphs):
                problems.append(f"[示例 {label}] 模板 {NARRATIVE}/{name}：{msg}")
    problems += _variant_failures(env, [n for n in names if n not in stopped], examples, named)
    return problems


def _variant_failures(env, names: list[str], examples, named: set) -> list[str]:
    """Each narrative template rendered with the inputs no example reaches (template_variants):
    the failures only, the first per template."""
    from juesuan.maintenance.template_variants import figure_variants
    out: list[str] = []
    failed: set[str] = set()
    for _, report in examples:
        for kind, figs in figure_variants(compute(report)):
            ctx = narrative_context(report, figs)
            for name in names:
                if name in failed:
                    continue
                try:
                    render_section(env, name, ctx)
                except TemplateProblem as exc:
                    if exc.template in named and exc.message.startswith("变量"):
                        continue
                    failed.add(name)
                    out.append(f"[输入：{kind}] {exc}")
    return out


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
    """The skeleton (parts/document.j2) and the parts templates it includes, checked as the render
    uses them: every file the resolver says a render reads, statically (every branch: filters,
    tests, names, h() levels, table ids), then rendered with every bundled example through the
    render's own code (place_parts, skeleton_problems), with the render's text lint.  Problems in
    Chinese, each once (empty list = all good)."""
    from juesuan.render.document import cover_context, place_parts, skeleton_problems
    from juesuan.render.parts import parts_input
    from juesuan.render.lint import lint_blocks
    from juesuan.render.text import HELPERS
    from juesuan.templating.resolve import used_names
    from juesuan.templating.static import static_problems
    try:
        templates = Templates(override)
        env = templates.parts_env
        names = [n for n, kind in used_names(templates).items() if kind == "parts"]
    except Exception as exc:  # noqa: BLE001 - a broken override folder
        return [f"模板目录无法使用：{exc}"]
    problems: list[str] = []
    examples = example_reports()
    if examples:  # the Word master: opened and its cover filled in, as a render would
        from juesuan.render.docx.master import render_master
        try:
            render_master(cover_context(examples[0][1]), templates)
        except TemplateProblem as exc:
            problems.append(str(exc))
    context: dict = dict(HELPERS)
    rendered: list[str] = []
    for label, report in examples:
        try:
            given = parts_input(env, report)
            context.update(given.context)
            given, placed = place_parts(report, templates, [], given)
        except TemplateProblem as exc:
            if not exc.message.startswith("变量"):  # an undefined name is listed below, with every other one
                rendered.append(str(exc))
            if str(exc).find("运行超过") >= 0:
                break  # a runaway is stopped once, not once per example
            continue
        for text in skeleton_problems(placed, given.content, "\n".join(_texts(placed.blocks)), templates, False):
            rendered.append(f"[示例 {label}] {text}")
        for hit in lint_blocks(placed.blocks):
            rendered.append(f"[示例 {label}] {hit.line()}")
        if label == examples[0][0]:  # the switches and empty lists no example has
            from juesuan.maintenance.template_variants import parts_variants
            from juesuan.render.text import render_template
            from juesuan.templating.resolve import SKELETON
            for kind, ctx in parts_variants(given.context):
                try:
                    render_template(env, SKELETON, ctx)
                except TemplateProblem as exc:
                    if not exc.message.startswith("变量"):
                        rendered.append(f"[输入：{kind}] {exc}")
    context.update(dict.fromkeys(_skeleton_sets(env), ""))
    for name in names:
        problems += [str(p) for p in static_problems(env, name, context if len(context) > len(HELPERS) else None)]
    # a call found in the text (h(4, …), table("T10")) is not told again as each example renders it
    calls = {c for p in problems for c in re.findall(r'h\(\d+, …\)|table\("[^"]*"\)', p)}
    told = "\n".join(problems)  # a problem found in the text, with its line, is not told again per example
    problems += [r for r in _once(rendered) if not any(c in r for c in calls) and _unlabelled(r) not in told]
    return list(dict.fromkeys(problems))


def _unlabelled(line: str) -> str:
    return re.sub(r"^\[(示例 |输入：)[^\]]+\] ", "", line)


def _skeleton_sets(env) -> list[str]:
    """The names the skeleton sets for the parts it includes (part_no …)."""
    from jinja2 import nodes

    from juesuan.templating.resolve import SKELETON
    try:
        tree = env.parse(env.loader.get_source(env, SKELETON)[0])
    except Exception:  # noqa: BLE001 - reported with the skeleton's own problems
        return []
    return [a.target.name for a in tree.find_all(nodes.Assign) if isinstance(a.target, nodes.Name)]


def _texts(blocks) -> list[str]:
    from juesuan.render.blocks import Document
    return [Document(blocks=blocks).text()]


def _once(lines: list[str]) -> list[str]:
    """The same problem found in several examples is told once (with the first example's label);
    what differs between examples is only what is quoted (“…”)."""
    seen: set[str] = set()
    out = []
    for line in lines:
        key = re.sub(r"“[^”]*”", "“…”", re.sub(r"^\[(示例 |输入：)[^\]]+\] ", "", line))
        if key not in seen:
            seen.add(key)
            out.append(line)
    return out


def check_all(override: Path | None = None) -> list[str]:
    """Every problem of a template folder (narrative and parts templates), for `templates check`."""
    return list(dict.fromkeys(check_templates(override) + check_part_templates(override)))
