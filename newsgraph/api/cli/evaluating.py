"""`newsgraph eval`: question sets asked over their articles and scored strictly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsgraph.api.cli.common import (
    StoreOption,
    app,
    err,
    errors,
    open_service,
    out,
    print_report,
    progress,
)
from newsgraph.ingest.loaders import load_paths

if TYPE_CHECKING:
    from newsgraph.qa.evaluation import Summary


@app.command("eval")
def eval_command(
    questions: Annotated[
        list[Path], typer.Argument(help="Question files (JSON Lines, ../shared/eval format)")
    ],
    articles: Annotated[
        list[Path], typer.Option("--articles", help="Articles files the questions are asked over")
    ],
    dump: Annotated[Path | None, typer.Option(help="Write every answer here, one JSON line each")] = None,
    without_as_of: Annotated[
        bool, typer.Option("--without-as-of", help="Also ask every question without its day")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N questions of each file")] = None,
    store: StoreOption = None,
) -> None:
    """Ask every question of question sets over their articles and score the answers strictly."""
    from newsgraph.qa import evaluation

    for path in [*questions, *articles]:
        if not path.is_file():
            err.print(f"[red]error:[/red] not a file: {path}")
            raise typer.Exit(2)
    with errors():
        sets = {evaluation.set_name(p): evaluation.load_questions(p)[:limit] for p in questions}
    texts = evaluation.article_texts(articles)
    with open_service(store) as service:
        missing = sorted(set(texts) - set(service.graph.article_ids()))
        if missing:
            loaded, _ = load_paths(articles)
            wanted = [a for a in loaded if a.id in set(missing)]
            with progress("ingest") as advance:
                report = service.ingest_articles(wanted, advance)
            print_report(report)
        records: list[evaluation.Record] = []
        runs = (True, False) if without_as_of else (True,)
        for with_as_of in runs:
            for name, listed in sets.items():
                # Without the day, only the questions that have one: the others were asked so.
                asked = listed if with_as_of else [q for q in listed if q.asked_on]
                if not asked:
                    continue
                label = f"{name}{'' if with_as_of else ' (no as_of)'}"
                with progress(label) as advance:
                    records += evaluation.evaluate(
                        service, name, asked, texts, with_as_of, lambda d, t: advance(d, t, "")
                    )
    _print_evaluation(evaluation.summarize(records))
    if dump is not None:
        evaluation.dump(records, dump)
        err.print(f"wrote {len(records)} answers to {dump}")


def _print_evaluation(summaries: list[Summary]) -> None:
    table = Table(
        "set",
        "kind",
        "as_of",
        "n",
        "accuracy",
        "findable",
        "declined",
        "answered null",
        "R@5",
        "R@10",
        "RRF R@5",
        "RRF R@10",
        "p50 ms",
        "p95 ms",
        box=None,
    )

    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    for s in summaries:
        findable = "-" if s.findable_accuracy is None else f"{s.findable_accuracy:.3f} ({s.findable})"
        table.add_row(
            s.set,
            s.kind,
            "yes" if s.with_as_of else "no",
            str(s.questions),
            cell(s.accuracy),
            findable,
            cell(s.declined_answerable),
            cell(s.answered_unanswerable),
            cell(s.recall5),
            cell(s.recall10),
            cell(s.rrf_recall5),
            cell(s.rrf_recall10),
            f"{s.p50_ms:.0f}",
            f"{s.p95_ms:.0f}",
        )
    # A table this wide is cut to 80 columns when written to a file or pipe: give it room.
    (out if out.is_terminal else Console(width=200)).print(table)
