"""The SPARQL guard: shape limits, escapes, and permissions decided on the parse tree."""

from __future__ import annotations

import pytest

from newsgraph.core.errors import QueryError
from newsgraph.graph.guard import (
    Policy,
    QueryRefused,
    QueryTooLarge,
    check_permissions,
    check_shape,
    expand_escapes,
    with_dataset,
)

POLICY = Policy(max_chars=10_000, max_depth=16)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE { ?s ?p " + "(" * 40 + ")" * 40 + " }",
        "SELECT * WHERE { ?s ?p " + "[ <p> " * 40 + "]" * 40 + " }",
        "SELECT * WHERE { " + "FILTER EXISTS {" * 40 + "}" * 40 + " }",
        "SELECT * WHERE { FILTER(" + "!" * 20_000 + "true) }",
    ],
    ids=["braces", "parentheses", "lists", "blank-nodes", "exists", "long"],
)
def test_deep_or_long_queries_are_refused_before_any_parser(query: str) -> None:
    with pytest.raises(QueryTooLarge):
        check_shape(query, POLICY)


def test_brackets_inside_strings_iris_and_comments_do_not_count() -> None:
    inert = '"' + "{" * 100 + '" ' + "'''" + "(" * 100 + "''' <http://x/" + "[" * 0 + "> # " + "{" * 100
    check_shape(f"SELECT * WHERE {{ ?s ?p {inert}\n}}", POLICY)
    check_shape("SELECT * WHERE { FILTER(?a < ?b && ?b > 1) }", POLICY)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }",
        "select * { service silent <http://x/sparql> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?a ?b ?c } } }",
        "SELECT * { FILTER EXISTS { SERVICE <http://x/> { ?a ?b ?c } } }",
        "SELECT * { { SELECT ?s { SERVICE <http://x/> { ?s ?p ?o } } } }",
        "SELECT * { ?s ?p ?o } # comment\nSERVICE <http://x/> { ?a ?b ?c }",
        # The spellings that once slipped past a regular expression over the text.
        "SELECT * WHERE { BIND(<http://x/\\u0041> AS ?z) SERVICE <http://127.0.0.1:9/p> { ?a ?b ?c } }",
        "SELECT * WHERE { BIND(<http://x/\u00a0> AS ?z) SERVICE <http://127.0.0.1:9/p> { ?a ?b ?c } }",
        "SELECT * WHERE { BIND(1 AS ?z) \\u0053ERVICE <http://127.0.0.1:9/p> { ?a ?b ?c } }",
        'SELECT * WHERE { BIND("\\u0022" AS ?z) SERVICE <http://127.0.0.1:9/p> { ?a ?b ?c } }',
    ],
)
def test_service_is_refused_however_it_is_spelled(query: str) -> None:
    with pytest.raises(QueryError):  # refused, or not readable as SPARQL: never run
        check_permissions(expand_escapes(query), "query", POLICY)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?s ?p 'SERVICE' }",
        "SELECT * { ?s <http://x/SERVICE> ?o }",
        "SELECT * { ?s ?p ?o } # SERVICE later",
        'SELECT * { ?s ?p """a SERVICE b""" }',
        "SELECT * { ?c a ng:Claim ; ng:subject/rdfs:label ?s }",
    ],
)
def test_the_word_service_elsewhere_is_harmless(query: str) -> None:
    check_permissions(expand_escapes(query), "query", POLICY)


def test_service_is_allowed_when_the_policy_says_so() -> None:
    check_permissions("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "query", Policy(allow_service=True))


def test_load_needs_an_allowed_http_host() -> None:
    allowed = Policy(load_hosts=("data.example.org",))
    check_permissions("LOAD <https://data.example.org/x.ttl> INTO GRAPH <urn:g>", "update", allowed)
    for update in (
        "LOAD <http://127.0.0.1:8000/x.ttl>",
        "LOAD SILENT <http://evil.example/x.ttl>",
        "CLEAR ALL ; LOAD <http://127.0.0.1/x>",
    ):
        with pytest.raises(QueryRefused, match="not allowed"):
            check_permissions(update, "update", allowed)
    with pytest.raises(QueryRefused, match="only http and https"):
        check_permissions("LOAD <file:///etc/passwd>", "update", allowed)
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_permissions("INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "update", allowed)


def test_escapes_are_expanded_once_and_may_not_build_escapes() -> None:
    assert expand_escapes("SELECT ?\\u0061 {}") == "SELECT ?a {}"
    with pytest.raises(QueryRefused, match="escape"):
        expand_escapes("SELECT * { ?s ?p '\\u005Cu0022' }")
    with pytest.raises(QueryError, match="not a Unicode character"):
        expand_escapes("SELECT * { ?s ?p '\\uD800' }")


def test_syntax_errors_name_the_position() -> None:
    with pytest.raises(QueryError, match=r"syntax error at 1:1"):
        check_permissions("SELEKT * WHERE {}", "query", POLICY)


def test_the_protocols_update_dataset_is_written_before_each_where() -> None:
    update = 'DELETE { ?s ?p "WHERE" } INSERT { ?s a <x:WHERE> } WHERE { ?s ?p ?o } ; INSERT {} where {}'
    written = with_dataset(update, ["http://g/1"], ["http://g/2"])
    using = "USING <http://g/1> USING NAMED <http://g/2> "
    assert written == (
        'DELETE { ?s ?p "WHERE" } INSERT { ?s a <x:WHERE> } '
        + using
        + "WHERE { ?s ?p ?o } ; INSERT {} "
        + using
        + "where {}"
    )
    assert (
        with_dataset("DELETE WHERE { ?s ?p ?o } # WHERE", ["http://g/1"], [])
        == "DELETE WHERE { ?s ?p ?o } # WHERE"
    )
    assert with_dataset(update, [], []) == update


def test_an_update_that_names_its_own_dataset_or_a_bad_iri_is_refused() -> None:
    with pytest.raises(QueryError, match="names its own dataset"):
        with_dataset("WITH <http://g/3> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://g/1"], [])
    with pytest.raises(QueryError, match="names its own dataset"):
        with_dataset("DELETE { ?s ?p ?o } USING <http://g/3> WHERE { ?s ?p ?o }", [], ["http://g/1"])
    with pytest.raises(QueryError, match="not a graph IRI"):
        with_dataset("INSERT { } WHERE { }", ["http://g/1> } ; DROP ALL ; INSERT DATA { <a"], [])
