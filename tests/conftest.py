"""Tests run against the working tree: src/ on sys.path and cli/ importable as juesuan_cli."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
if "juesuan_cli" not in sys.modules:
    spec = importlib.util.spec_from_file_location("juesuan_cli", ROOT / "cli" / "__init__.py",
                                                  submodule_search_locations=[str(ROOT / "cli")])
    module = importlib.util.module_from_spec(spec)
    sys.modules["juesuan_cli"] = module
    spec.loader.exec_module(module)

# The paths every test uses.  Module level (parametrize lists, helpers) imports these constants
# from conftest; a test function takes the fixtures of the same names.
TESTS = ROOT / "tests"
EXAMPLES = ROOT / "example_inputs"
EXAMPLE_DATA = EXAMPLES / "data"
GOLDEN = TESTS / "golden"
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def example_data() -> Path:
    return EXAMPLE_DATA


@pytest.fixture(scope="session")
def golden() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def templates() -> Path:
    return TEMPLATES
