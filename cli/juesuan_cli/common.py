"""Output helpers shared by the commands: Chinese messages, exit codes."""
from __future__ import annotations

import sys
from typing import NoReturn

import click

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def fail(message: str, code: int = EXIT_UNREADABLE) -> "NoReturn":
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)
