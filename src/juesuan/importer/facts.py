"""What a published report's text states besides the tables (filled in later steps)."""
from __future__ import annotations


def fill_facts(result, path) -> None:
    return None
