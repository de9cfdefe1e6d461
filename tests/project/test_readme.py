"""The README's two commands are the ones that work on a fresh machine, and CI runs the second
one exactly as written (a new developer's first minutes must not fail)."""
from __future__ import annotations

import re

from conftest import ROOT


def _section(text: str, title: str) -> str:
    start = text.index(title)
    end = text.find("\n## ", start + len(title))
    return text[start:end if end != -1 else None]


def _commands() -> tuple[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", _section(text, "## 两条命令"), re.S).group(1)
    lines = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(lines) == 2, lines
    return lines[0], lines[1]


def test_command_one_makes_and_uses_a_virtual_environment_with_python3():
    install, _ = _commands()
    steps = [s.strip() for s in install.split("&&")]
    assert steps[0] == "python3 -m venv .venv"  # Debian/Ubuntu: no `python`, no pip outside a venv
    assert steps[1] == ". .venv/bin/activate"
    assert steps[2] == "python -m pip install ."
    assert steps[3].startswith("make-report example_inputs/") and " -o out/" in steps[3]
    assert "/out/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()  # the example's report is not committed


def test_windows_has_its_own_line():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```powershell\n(.*?)```", _section(text, "## 两条命令"), re.S).group(1)
    assert block.strip().startswith("py -m venv .venv") and r".venv\Scripts\Activate.ps1" in block


def test_ci_runs_the_readme_test_command_verbatim():
    _, tests = _commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines() or any(line.strip().startswith(tests) for line in ci.splitlines()), tests
