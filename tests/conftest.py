"""Shared paths and fixtures.  src/ and tests/ are on sys.path by pyproject.toml (pytest's
``pythonpath``); the command line is the installed package juesuan_cli."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are about correctness, never speed: no per-example deadline (a busy CI machine
# made the 200 ms default fail on correct code).  Timings belong in bench/.  The default run is
# derandomized (the same examples every time), so CI passes or fails on the code alone; to search
# for new counter-examples run with JUESUAN_HYPOTHESIS=explore (random, 1000 examples per test) and
# keep what it finds as an ordinary test.
settings.register_profile("juesuan", deadline=None, derandomize=True)
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("JUESUAN_HYPOTHESIS", "juesuan"))

ROOT = Path(__file__).resolve().parents[1]

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


@pytest.fixture
def no_charts(monkeypatch):
    """Reports without drawing the charts: tests of text and tables only pay for what they read
    (the charts are tested with the examples).  A module that never wants them says
    ``pytestmark = pytest.mark.usefixtures("no_charts")``."""
    import juesuan.render.narrative_blocks as narrative_blocks
    monkeypatch.setattr(narrative_blocks, "chart_pictures", lambda *a, **k: {})
