"""The package declares what it needs: pyproject.toml's dependencies are requirements.txt's."""

from __future__ import annotations

import tomllib

from tests.helpers import REPO


def test_the_package_declares_the_requirements() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    lines = (REPO / "requirements.txt").read_text().splitlines()
    required = [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]
    # The one difference: requirements.txt pins torch to the CPU build, pyproject takes a range.
    rest = [r for r in required if not r.startswith("torch")]
    assert rest == [d for d in declared if not d.startswith("torch")]
    assert "torch==2.13.0" in required and "torch>=2.4" in declared
