"""Where the shipped resources are, installed (wheel) or in a source checkout."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def templates_dir() -> Path:
    installed = PACKAGE / "templates"
    if installed.is_dir():
        return installed
    return PACKAGE.parents[1] / "templates"  # source checkout: <repo>/templates


def data_dir() -> Path:
    return PACKAGE / "data"
