#!/usr/bin/env bash
# `pip install .` into a fresh venv gives a working newsgraph: the CPU torch pin first (it
# lies on local disk), then the package with the dependencies pyproject.toml declares;
# then the CLI ingests one article and answers a question about it. CI runs it after `make test`.
#
#   scripts/check_install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
pip=("$work/venv/bin/pip" --quiet --disable-pip-version-check)
"${pip[@]}" install torch==2.13.0
# Built from a copy of the tracked files: a build in place would leave build/ in the clone.
mkdir "$work/src"
git ls-files -z | xargs -0 cp --parents -t "$work/src"
"${pip[@]}" install "$work/src"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
cli="$work/venv/bin/newsgraph"
"$cli" --help >/dev/null
cat > "$work/article.md" <<'ARTICLE'
---
title: Lumeno prices its Vyra accelerator
source: Test Wire
published: 2025-05-06
---
Lumeno, a chip designer based in Oslo, said on Tuesday that its Vyra accelerator would cost
between $8,000 and $9,000. Customers of the Vyra include Norbank and Feltmark, the company said.
ARTICLE
"$cli" ingest "$work/article.md" --store "$work/store" >/dev/null
answer=$("$cli" ask "How much will the Vyra accelerator cost?" --store "$work/store" --json)
echo "$answer" | "$work/venv/bin/python" -c '
import json, sys
answer = json.load(sys.stdin)
assert answer["answered"] and "$8,000" in answer["answer"], answer
print("check_install: pip install . gives a working newsgraph:", answer["answer"])
'
