"""The shape of the package (docs/ARCHITECTURE.md): no import cycle, small modules, and the figures
of a report computed once per render and shared by the text, the charts and the batch summary."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "juesuan"
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every juesuan module ``name`` imports, at top level or inside a function (a lazy import
    is still a dependency).  Only ``if TYPE_CHECKING:`` blocks are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(node):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:  # `from . import figures` imports a module, not a name
                out.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in out if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = dfs(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = dfs(node)
            if found:
                return found
    return None


def test_the_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "juesuan.figures.compute" in graph["juesuan.figures"]  # from .compute import …
    assert "juesuan.reader.workbook" in graph["juesuan.api"]  # imported inside a function
    assert "juesuan.templating.template_set" in graph["juesuan.render.docx.master"]  # from ..template_set import …


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_juesuan():
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle)


# ---------------------------------------------------------------------------------------
# Layers: data flows one way (docs/ARCHITECTURE.md)
# ---------------------------------------------------------------------------------------
# A package may import only packages on a LOWER layer (and itself).  Packages not listed (a new
# one) are not judged until they are added here.
LAYERS = {
    "spec": 0,  # declarative: layouts, supplement sheets, settings, 科目 catalogue, finding ids
    "model": 1, "fileio": 1,  # the report in memory; atomic files
    "xlsx": 2,  # safe low-level reading of .xlsx
    "reader": 3,
    "figures": 4,  # pure numbers of 第三部分 (the checks share the 科目说明 look-up with the renderer)
    "checks": 5, "templating": 5,
    "render": 6,
    "workbooks": 7, "importer": 7,  # blank / annotated / next-year workbooks; other formats in
    "api": 8,  # the front door's functions
    "batch": 9, "audit": 9,  # clients of the front door's functions
    "maintenance": 10,  # template checks, reference docs, examples: used by tools/ and tests/ only
    "juesuan": 11,  # juesuan/__init__.py: resolves its names lazily
    "web": 12,  # make-report serve: a client like cli/, through `import juesuan` only
}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, deps in sorted(graph.items()):
        here = _package(module)
        for dep in sorted(deps):
            there = _package(dep)
            if here != there and here in LAYERS and there in LAYERS and LAYERS[here] <= LAYERS[there]:
                out.append(f"{module} -> {dep}（{here} 层 {LAYERS[here]} 不可依赖 {there} 层 {LAYERS[there]}）")
    return out


def test_layer_check_finds_an_upward_import():
    graph = {"juesuan.checks.x": {"juesuan.render.y", "juesuan.model.z"}, "juesuan.render.y": set(), "juesuan.model.z": set()}
    assert layer_violations(graph) == ["juesuan.checks.x -> juesuan.render.y（checks 层 5 不可依赖 render 层 6）"]
    assert layer_violations({"juesuan.checks.x": {"juesuan.templating.y"}, "juesuan.templating.y": set()})  # same layer


def test_data_flows_one_way():
    graph = import_graph()
    assert not layer_violations(graph), "\n".join(layer_violations(graph))
    for module, deps in graph.items():  # the rules the issue names, said plainly
        here, theirs = _package(module), {_package(d) for d in deps}
        if here in ("spec", "model", "xlsx"):
            assert theirs <= {"spec", "model", "fileio", "xlsx"}, (module, theirs)
        if here == "checks":
            assert not theirs & {"render", "workbooks", "batch", "audit"}, (module, theirs)
        if here == "render":
            assert not theirs & {"maintenance", "batch", "audit"}, (module, theirs)
        if here != "maintenance":
            assert "maintenance" not in theirs, module


def test_figures_do_no_io_and_know_no_templates():
    graph = import_graph()
    figures = [m for m in graph if m == "juesuan.figures" or m.startswith("juesuan.figures.")]
    allowed = {"juesuan.spec.catalog", "juesuan.spec.layouts", "juesuan.model.report", "juesuan.model.money", "juesuan.model.textnorm",
               "juesuan.spec.supplement", "juesuan.spec.settings"}
    for m in figures:
        outside = {d for d in graph[m] if not d.startswith("juesuan.figures")}
        assert outside <= allowed, (m, outside - allowed)


@pytest.mark.parametrize("folder", ["src/juesuan", "cli"])
def test_no_module_over_500_lines(folder):
    long = {str(p.relative_to(ROOT)): n for p in sorted((ROOT / folder).rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


# ---------------------------------------------------------------------------------------
# Computed once per render
# ---------------------------------------------------------------------------------------
def _count_calls(monkeypatch, function) -> list:
    """Wrap ``function`` wherever a juesuan module holds it, so that every call is counted."""
    import sys
    calls: list = []

    def counting(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("juesuan") and module is not None:
            for attr, value in list(vars(module).items()):
                if value is function:
                    monkeypatch.setattr(module, attr, counting)
    return calls


@pytest.fixture
def counters(monkeypatch):
    import juesuan.batch.key_figures  # noqa: F401 - loaded so that its references are wrapped too
    import juesuan.render.document  # noqa: F401
    import juesuan.render.narrative_blocks  # noqa: F401
    from juesuan import figures
    from juesuan.templating import template_set
    loads: list[str] = []
    real_load = template_set._load_json

    def counting_load(env, name):
        loads.append(name)
        return real_load(env, name)

    monkeypatch.setattr(template_set, "_load_json", counting_load)
    return {"compute": _count_calls(monkeypatch, figures.compute),
            "chart_specs": _count_calls(monkeypatch, figures.chart_specs), "loads": loads}


def test_one_render_computes_the_figures_once(examples, tmp_path, counters):
    from juesuan.batch import render_one
    wb = tmp_path / "c.xlsx"
    shutil.copyfile(examples / "c_synthetic_2024.xlsx", wb)
    (tmp_path / "stage").mkdir()
    rec = render_one({"index": 0, "file": "c.xlsx", "path": str(wb), "stage": str(tmp_path / "stage")})
    assert rec["internal"] is None and rec["staged_docx"], rec
    assert len(counters["compute"]) == 1  # text, charts and the batch summary's key figures
    assert len(counters["chart_specs"]) == 1
    assert counters["loads"].count("sections.json") == 1 and counters["loads"].count("charts.json") == 1
    assert rec["figures"]["grand_total"]["value"] is not None  # the summary got the render's figures


# ---------------------------------------------------------------------------------------
# Supplement codes
# ---------------------------------------------------------------------------------------
def test_code_namespace_is_generated_from_the_specs():
    from juesuan.spec.supplement import CODE, FIELDS, LISTS_BY_ID
    codes = vars(CODE)
    assert codes["G01"] == "G01" and codes["P09_1"] == "P09-1" and codes["B02"] == "B02"
    assert set(codes.values()) <= set(FIELDS) | set(LISTS_BY_ID)
    assert "百分比小数位" not in codes.values()  # settings are named already


def _bare_codes(path: Path) -> list[str]:
    import io
    import re
    import tokenize

    from juesuan.spec.supplement import CODE
    codes = set(vars(CODE).values())
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING and re.fullmatch(r"""(['"])[A-Z0-9-]+\1""", tok.string) \
                and tok.string[1:-1] in codes:
            found.append(f"{path.relative_to(ROOT)}:{tok.start[0]} {tok.string}")
    return found


def test_code_reads_supplement_codes_through_CODE():
    bare = [hit for p in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "cli").rglob("*.py")])
            if p.relative_to(ROOT).as_posix() != "src/juesuan/spec/supplement.py" for hit in _bare_codes(p)]
    assert not bare, "请用 juesuan.spec.supplement.CODE（如 CODE.G01、CODE.P09_1）代替字符串编号：\n" + "\n".join(bare)


def test_nothing_cites_a_document_outside_the_repository():
    """Citations go to docs/ (RULES.md, WORKBOOK.md, ARCHITECTURE.md), which a clone has."""
    name = "DOMAIN"  # the marks are spelt apart so that this file does not cite it either
    marks = (name + ".md", name + " §")
    roots = [PACKAGE, ROOT / "cli", ROOT / "tests", ROOT / "templates", ROOT / "tools", ROOT / "docs"]
    files = [p for r in roots for p in r.rglob("*") if p.is_file() and p.suffix in (".py", ".md", ".j2", ".json")]
    files += [ROOT / "README.md"]
    hits = [str(p.relative_to(ROOT)) for p in files
            if any(m in p.read_text(encoding="utf-8", errors="replace") for m in marks)]
    assert not hits, hits


def test_test_helper_modules_are_named_in_one_style():
    """tests/ holds test_*.py, conftest.py (paths: ROOT, EXAMPLES, EXAMPLE_DATA, GOLDEN … and their
    fixtures) and shared helpers named <topic>_helpers.py."""
    odd = [p.name for p in (ROOT / "tests").glob("*.py")
           if p.name != "conftest.py" and not p.name.startswith("test_") and not p.name.endswith("_helpers.py")]
    assert not odd, odd
    helpers_named_as_tests = [p.name for p in (ROOT / "tests").glob("test_*.py")
                              if "def test_" not in p.read_text(encoding="utf-8")]
    assert not helpers_named_as_tests, helpers_named_as_tests


# ---------------------------------------------------------------------------------------
# Settings: typed once (juesuan.spec.settings), never compared as strings elsewhere
# ---------------------------------------------------------------------------------------
SETTINGS_HOME = {"src/juesuan/spec/settings.py", "src/juesuan/spec/supplement.py"}


def _setting_strings(path: Path, where: str | None = None) -> list[str]:
    """Calls of ``.setting(…)``, setting names as strings and comparisons with an option's words."""
    from juesuan.spec.supplement import SETTINGS
    names = {f.id for f in SETTINGS.fields}
    words = {c for f in SETTINGS.fields for c in f.choices} - {"1", "2"}  # digits are too common to mean a setting
    where = where or path.relative_to(ROOT).as_posix()
    hits = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "setting":
            hits.append(f"{where}:{node.lineno} .setting(…)")
        elif isinstance(node, ast.Constant) and node.value in names:
            hits.append(f"{where}:{node.lineno} “{node.value}”")
        elif isinstance(node, ast.Compare):
            hits += [f"{where}:{node.lineno} == “{side.value}”" for side in (node.left, *node.comparators)
                     if isinstance(side, ast.Constant) and isinstance(side.value, str) and side.value in words]
    return hits


def test_the_setting_check_sees_string_comparisons(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('x = report.setting("名词解释版式") == "精简"\ny = opts.car_word == "运行费"\n', encoding="utf-8")
    assert len(_setting_strings(probe, "probe.py")) == 4


def test_code_reads_settings_through_Settings():
    bare = [hit for p in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "cli").rglob("*.py")])
            if p.relative_to(ROOT).as_posix() not in SETTINGS_HOME for hit in _setting_strings(p)]
    assert not bare, "请用 report.settings 的类型化字段（如 settings.terms_brief）代替设置名和选项字符串：\n" + "\n".join(bare)
