"""`make-report templates check DIR` covers the parts templates (第一、四、五、六部分) too."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from juesuan.spec.paths import templates_dir
from juesuan_cli.main import cli


def test_override_of_a_parts_template_is_accepted(tmp_path):
    shutil.copy(templates_dir() / "parts" / "part1.j2", tmp_path / "part1.j2")
    result = CliRunner().invoke(cli, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "没有发现问题" in result.output


def test_undefined_variable_in_a_parts_template_names_file_and_line(tmp_path):
    text = (templates_dir() / "parts" / "part1.j2").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines.insert(3, "{{ dept_nmae }}")
    (tmp_path / "part1.j2").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "part1.j2" in result.output and "第4行" in result.output and "dept_nmae" in result.output
    assert "Traceback" not in result.output
