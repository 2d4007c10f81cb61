"""The `newsgraph` command line: parse arguments, call the service or the running server,
render the result. Each module registers its commands on the one app."""

from __future__ import annotations

from newsgraph.api.cli import articles, evaluating, reading, serving  # noqa: F401  (they register the commands)
from newsgraph.api.cli.common import app


def main() -> None:
    """Console-script entry point."""
    app()
