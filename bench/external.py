"""Question sets nobody here wrote (../shared/eval): `newsgraph eval` over all of them at once.

Builds (once, then reuses with --store) one store of every articles file, since the sets
are each other's distractors, then asks every question with and without its day and
prints accuracy, findable accuracy, declines, retrieval recall against plain RRF, and
latency, per set and kind. realtimeqa-2024 is the held-out set: report it, but do not
read its per-question output while changing code (--dump leaves it out unless --all).

    .venv/bin/python bench/external.py [--store DIR] [--dump FILE] [--all] [--limit N] [--sets NAME...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from newsgraph.core.fitted import load_model
from newsgraph.qa.reader import MODEL_FILE

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEVELOPMENT = ("realtimeqa-2022", "multihop-rag.dev")
HELD_OUT = ("realtimeqa-2024",)
NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="store of every articles file, built once and reused")
    parser.add_argument("--dump", type=Path, help="write the development sets' answers here")
    parser.add_argument("--all", action="store_true", help="dump the held-out set's answers too")
    parser.add_argument("--limit", type=int, help="only the first N questions of each set")
    parser.add_argument("--sets", nargs="*", default=[*DEVELOPMENT, *HELD_OUT])
    parser.add_argument("--no-without", action="store_true", help="skip the run without as_of")
    args = parser.parse_args()
    files = {
        "realtimeqa-2022": EVAL / "realtimeqa-2022.questions.jsonl",
        "realtimeqa-2024": EVAL / "realtimeqa-2024.questions.jsonl",
        "multihop-rag.dev": EVAL / "multihop-rag.dev.questions.jsonl",
    }
    articles = sorted(EVAL.glob("*.articles.jsonl"))
    with tempfile.TemporaryDirectory() as scratch:
        store = args.store or Path(scratch) / "store"
        dump = Path(scratch) / "answers.jsonl"
        command = [NEWSGRAPH, "eval", *(str(files[s]) for s in args.sets), "--store", str(store)]
        command += ["--dump", str(dump)]
        for path in articles:
            command += ["--articles", str(path)]
        if not args.no_without:
            command.append("--without-as-of")
        if args.limit:
            command += ["--limit", str(args.limit)]
        subprocess.run(command, check=True)
        fitted = load_model(MODEL_FILE)
        seen = [name for name in args.sets if fitted is not None and name in fitted.trained_on]
        if seen:
            # Trees can learn their training questions by heart: these figures are not estimates.
            print(
                f"the reader model was fitted on {', '.join(seen)}: their figures above are in-sample;"
                " bench/fit_reader.py prints their cross-validated figures"
            )
        if args.dump:
            kept = [
                line
                for line in dump.read_text(encoding="utf-8").splitlines()
                if args.all or json.loads(line)["set"] not in HELD_OUT
            ]
            args.dump.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
            print(f"{len(kept)} answers in {args.dump}" + ("" if args.all else " (held-out set left out)"))


if __name__ == "__main__":
    main()
