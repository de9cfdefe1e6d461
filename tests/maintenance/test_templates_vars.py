"""One vocabulary: every name a template can use — parts or narrative — is listed by
``templates vars`` (and docs/TEMPLATE_VARIABLES.md) with an example; old names still work."""
from __future__ import annotations

from click.testing import CliRunner
from juesuan_cli.main import cli

from juesuan.maintenance.examples import example_reports
from juesuan.maintenance.templates_vars import template_variables
from juesuan.render.narrative import narrative_context
from juesuan.render.parts import parts_input
from juesuan.render.text import HELPERS
from juesuan.templating.template_set import Templates


def test_every_name_of_every_template_is_listed():
    report = example_reports()[0][1]
    ref = template_variables(report)
    listed = {row[0].split(".")[0].split("[")[0] for row in ref["variables"] + ref["parts"]}
    listed |= {name.split("(")[0] for name, _, _ in ref["functions"]}
    templates = Templates()
    from juesuan.figures import compute
    figs = compute(report)
    names = set(parts_input(templates.parts_env, report, figs).context) | set(HELPERS)
    names |= set(narrative_context(report, figs))
    assert names - listed == set()
    assert all(ex for _, _, ex in ref["filters"]) and all("→" in ex for _, _, ex in ref["tests"])


def test_both_kinds_of_template_have_the_same_filters_tests_and_names():
    t = Templates()
    assert set(t.parts_env.filters) == set(t.narrative_env.filters)
    assert set(t.parts_env.tests) == set(t.narrative_env.tests)
    report = example_reports()[2][1]
    from juesuan.figures import compute
    figs = compute(report)
    parts = parts_input(t.parts_env, report, figs).context
    narrative = narrative_context(report, figs)
    for name in ("caliber", "prior_year", "prev_year", "level", "phone", "opts", "overall"):
        assert name in parts and name in narrative, name
    # old and new names side by side, in either kind of template
    text = "{{ prev_year }}={{ prior_year }} {{ cn(3) }}={{ 3|cn }} {{ overall.grand.current|wan }}"
    assert t.parts_env.from_string(text).render({**HELPERS, **parts}) == \
        t.narrative_env.from_string(text).render(narrative)


def test_cli_lists_parts_names_functions_examples_and_aliases():
    out = CliRunner().invoke(cli, ["templates", "vars"]).output
    for needle in ("part_no", "glossary_brief", "h(级别, 文字[, 换页])", "omit(编号, …)", "narrative()",
                   "|wan", "例：{{ overall.grand.current|wan }} →", "is flat", "prev_year = prior_year",
                   "caliber", "level_short", "parts/tables.j2", "titles_2020", "title_line", "empty_notes"):
        assert needle in out, needle


def test_filter_names_are_the_filters():
    from juesuan.templating.filters import TESTS, make_filters
    from juesuan.templating.names import FILTER_NAMES, TEST_DOCS
    assert set(make_filters(Templates().narrative_env.globals["phrases"])) == set(FILTER_NAMES)
    assert set(TESTS) == set(TEST_DOCS)
