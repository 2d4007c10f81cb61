"""The shape of the code a newcomer meets: the largest classes, functions and modules of
`newsgraph/`, the `id()`-keyed side tables and the `type: ignore` comments, against the
limits a reader can hold (30 methods a class, 80 lines a function, 600 lines a module).

    .venv/bin/python bench/structure.py [--top N]

Exits 1 when a limit is exceeded, so it can join the lint step once the code is within them.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "newsgraph"
LIMITS = {"methods per class": 30, "lines per function": 80, "lines per module": 600}


def measures() -> dict[str, list[tuple[int, str]]]:
    """Each measure's (size, place) for every class, function and module."""
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in LIMITS}
    found["id() side tables"] = []
    found["type: ignore"] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        found["lines per module"].append((len(text.splitlines()), str(where)))
        for number, line in enumerate(text.splitlines(), 1):
            if "type: ignore" in line:
                found["type: ignore"].append((1, f"{where}:{number}: {line.strip()[:80]}"))
            if re.search(r"\[id\(\w+\)\]|\bid\(\w+\) (?:in|not in)\b", line):
                found["id() side tables"].append((1, f"{where}:{number}: {line.strip()[:80]}"))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                methods = [n for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
                found["methods per class"].append((len(methods), f"{where}:{node.lineno} {node.name}"))
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                found["lines per function"].append((length, f"{where}:{node.lineno} {node.name}"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5, help="how many of the largest to list")
    args = parser.parse_args()
    over = 0
    for name, items in measures().items():
        items.sort(reverse=True)
        limit = LIMITS.get(name)
        beyond = [i for i in items if limit is not None and i[0] > limit]
        over += len(beyond)
        head = f"{name}: {len(beyond)} over {limit}" if limit else f"{name}: {len(items)}"
        print(head)
        for size, place in items[: args.top]:
            print(f"  {size:5}  {place}" if limit else f"         {place}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
