"""The claim templates of a question, with and without the quick look that runs before them.

For each development question (../shared/eval, RealTimeQA 2022 and MultiHop-RAG dev) that
asks for an entity or a list and names a relation, the graph and text route's search
finds its articles; then, side by side in the same process, the claim step runs
(a) both full templates (who, what) for every entity the question names, as it used to,
and (b) the quick look at the claims of that relation in the found articles
(graph/queries.py `sides`) and only the templates it calls for. It checks that both give
the same facts and prints the time per question of each.

    .venv/bin/python bench/claim_probe.py --store DIR [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsgraph.core.settings import Settings
from newsgraph.graph import queries
from newsgraph.graph.vocab import article_iri, entity_iri, relation_iri
from newsgraph.qa import evaluation
from newsgraph.qa.asking import claim_templates
from newsgraph.service.facade import Newsgraph

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = ("realtimeqa-2022.questions.jsonl", "multihop-rag.dev.questions.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    before, after = [], []
    with Newsgraph(Settings(store=args.store)) as service:
        asker, graph = service.asker, service.graph
        questions = [q for name in SETS for q in evaluation.load_questions(EVAL / name)][: args.limit]
        for q in questions:
            _, state = asker._route(q.question, None)
            if state is None:
                continue
            analysis, evidence, _ = state
            if analysis.answer_type not in ("entity", "list") or not analysis.relation:
                continue
            relation = relation_iri(analysis.relation)
            found = [article_iri(a) for a in dict.fromkeys(ev.article_id for ev in evidence)]
            if not found:
                continue
            start = time.perf_counter()
            every = []
            for target in analysis.entity_ids:
                every += graph.facts(queries.who(relation, entity_iri(target), found))
                every += graph.facts(queries.what(entity_iri(target), relation, found))
            before.append(time.perf_counter() - start)
            start = time.perf_counter()
            sides = graph.values(queries.sides(relation, found))
            looked = []
            for target in analysis.entity_ids:
                for sparql, _ in claim_templates(relation, target, found, sides):
                    looked += graph.facts(sparql)
            after.append(time.perf_counter() - start)
            assert sorted(map(repr, every)) == sorted(map(repr, looked)), q.question
    print(f"{len(before)} questions with a relation and entities asked (of {len(questions)})")
    for name, times in (("every template", before), ("quick look first", after)):
        ordered = sorted(times)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"  {name:16} mean {statistics.mean(times) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms")
    ratio = statistics.mean(after) / statistics.mean(before)
    print(f"  ratio of means {ratio:.2f}; the same facts for every question")


if __name__ == "__main__":
    main()
