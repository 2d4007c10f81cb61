"""The `newsgraph` command line, end to end on a real store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from newsgraph.api.cli import app

runner = CliRunner()

GOOD_TXT = (
    "Chipmakers rush to build HBM capacity\n\n"
    "Micron Technology said it would spend $7 billion on a new plant in Hiroshima. "
    "SK Hynix and Samsung Electronics are also adding HBM lines, analysts said.\n"
)
GOOD_MD = (
    "---\ntitle: Huawei ships Ascend chips\nsource: Test Wire\npublished: 2025-02-03\n"
    "url: https://example.test/huawei-ascend\n---\n"
    "Huawei began shipping the Ascend 910C to Baidu and ByteDance last month, people familiar said.\n"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store(tmp_path: Path) -> str:
    return str(tmp_path / "store")


@pytest.fixture
def news_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "hbm.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "sub" / "ascend.md").write_text(GOOD_MD, encoding="utf-8")
    return folder


def test_ingest_folder_then_stats(store: str, news_folder: Path) -> None:
    code, out, _ = invoke("ingest", str(news_folder), "--store", store)
    assert code == 0
    assert "articles" in out and "new entities" in out
    code, out, _ = invoke("stats", "--json", "--store", store)
    assert code == 0
    counts = json.loads(out)
    assert counts["articles"] == 2
    assert counts["sentences"] == 5  # two titles, three body sentences
    assert counts["entities"] >= 7
    assert set(counts) == {
        "articles", "sentences", "mentions", "entities", "triples", "claims", "figures", "search"
    }  # fmt: skip
    assert counts["claims"] >= 1 and counts["figures"] >= 1
    assert counts["search"]["consistent"] is True


def test_bad_files_fail_alone(store: str, news_folder: Path) -> None:
    (news_folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (news_folder / "empty.txt").write_text("", encoding="utf-8")
    (news_folder / "latin1.txt").write_bytes("Caf\xe9 owners said".encode("latin-1"))
    (news_folder / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    code, _out, err = invoke("ingest", str(news_folder), "--store", store)
    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 4
    assert "Traceback" not in err
    assert json.loads(invoke("stats", "--json", "--store", store)[1])["articles"] == 2


def test_published_and_source_override(store: str, news_folder: Path) -> None:
    code, _, _ = invoke(
        "ingest",
        str(news_folder / "hbm.txt"),
        "--published",
        "2025-08-23",
        "--source",
        "Desk",
        "--store",
        store,
    )
    assert code == 0
    code, out, _ = invoke(
        "sparql",
        "PREFIX schema: <https://schema.org/> SELECT ?d ?name WHERE "
        "{ ?a schema:datePublished ?d ; schema:publisher/schema:name ?name }",
        "--store",
        store,
    )
    bindings = json.loads(out)["results"]["bindings"]
    assert [(b["d"]["value"], b["name"]["value"]) for b in bindings] == [("2025-08-23", "Desk")]


def test_bad_published_date_is_a_usage_error(store: str, news_folder: Path) -> None:
    code, _, err = invoke("ingest", str(news_folder), "--published", "someday", "--store", store)
    assert code == 2
    assert "--published" in err


SELECT = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX ng: <https://w3id.org/newsgraph/ns#> "
    "SELECT ?label WHERE { ?e a ng:Company ; rdfs:label ?label } ORDER BY ?label"
)


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_sparql_select_formats(store: str, news_folder: Path, fmt: str) -> None:
    invoke("ingest", str(news_folder), "--store", store)
    code, out, _ = invoke("sparql", SELECT, "--format", fmt, "--store", store)
    assert code == 0
    expected = ["Baidu", "ByteDance", "Huawei", "Micron Technology", "SK Hynix", "Samsung Electronics"]
    if fmt == "json":
        labels = [b["label"]["value"] for b in json.loads(out)["results"]["bindings"]]
    elif fmt == "csv":
        labels = [row[0] for row in list(csv.reader(io.StringIO(out)))[1:]]
    elif fmt == "tsv":
        lines = out.splitlines()
        assert lines[0] == "?label"
        labels = [line.split('"')[1] for line in lines[1:]]
    else:
        labels = [part.split("<")[0] for part in out.split("<literal")[1:]]
        labels = [label.split(">", 1)[-1] for label in labels]
    assert labels == expected


def test_sparql_ask_and_construct(store: str, news_folder: Path) -> None:
    invoke("ingest", str(news_folder), "--store", store)
    code, out, _ = invoke("sparql", "ASK { ?s ?p ?o }", "--store", store)
    assert json.loads(out)["boolean"] is True
    construct = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX ng: <https://w3id.org/newsgraph/ns#> "
        "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a ng:Chip ; rdfs:label ?l }"
    )
    for fmt, parser in [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")]:
        code, out, _ = invoke("sparql", construct, "--format", fmt, "--store", store)
        assert code == 0
        graph = Graph().parse(data=out, format=parser)
        assert {str(o) for o in graph.objects()} == {"Ascend 910C"}


def test_sparql_errors_are_one_line(store: str) -> None:
    code, _, err = invoke("sparql", "SELECT * WHERE {", "--store", store)
    assert code == 1
    assert err.startswith("error:") and len(err.strip().splitlines()) == 1
    code, _, err = invoke("sparql", "ASK {}", "--format", "turtle", "--store", store)
    assert code == 1 and "format" in err


def test_delete_and_unknown_id(store: str, news_folder: Path) -> None:
    invoke("ingest", str(news_folder), "--store", store)
    ids_query = "PREFIX schema: <https://schema.org/> SELECT ?id WHERE { ?a schema:identifier ?id }"
    ids = [
        b["id"]["value"]
        for b in json.loads(invoke("sparql", ids_query, "--store", store)[1])["results"]["bindings"]
    ]
    assert len(ids) == 2
    code, _out, _ = invoke("delete", ids[0], "--store", store)
    assert code == 0
    assert json.loads(invoke("stats", "--json", "--store", store)[1])["articles"] == 1
    code, _, err = invoke("delete", ids[0], "--store", store)
    assert code == 1 and "no article" in err


def test_export_formats(store: str, news_folder: Path, tmp_path: Path) -> None:
    invoke("ingest", str(news_folder), "--store", store)
    triples = json.loads(invoke("stats", "--json", "--store", store)[1])["triples"]
    for fmt, parser in [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]:
        target = tmp_path / f"export.{fmt}"
        code, _, _ = invoke("export", "--format", fmt, "--output", str(target), "--store", store)
        assert code == 0
        dataset = Dataset()
        dataset.parse(target, format=parser)
        assert len(dataset) == triples


def test_every_command_has_help() -> None:
    for command in ["ingest", "delete", "sparql", "stats", "export"]:
        code, out, _ = invoke(command, "--help")
        assert code == 0 and "--store" in out


def test_console_script_and_locked_store(store: str, news_folder: Path) -> None:
    """The installed entry point runs; a second process on an open store gets one line."""
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    done = subprocess.run(
        [newsgraph, "ingest", str(news_folder), "--store", store], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    from newsgraph.core.settings import Settings
    from newsgraph.service.facade import Newsgraph

    with Newsgraph(Settings(store=Path(store))):
        busy = subprocess.run([newsgraph, "stats", "--store", store], capture_output=True, text=True)
    assert busy.returncode == 1
    assert busy.stderr.startswith("error:") and "Traceback" not in busy.stderr
