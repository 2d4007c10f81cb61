"""What a researcher's SPARQL may do, decided before the engine sees it.

Two checks, in this order:

1. `check_shape` reads the text once, character by character, and refuses a query that
   is longer or nests brackets deeper than the limits. It is cheap and runs in the
   server, so a query built to exhaust a parser's stack never reaches one.
2. `check_permissions` parses the query with a real SPARQL 1.1 parser (rdflib's) and walks
   the parse tree: a SERVICE pattern is refused unless federation is allowed, and an
   update's LOAD unless the source's host is on the allow-list. The decision is made on
   the tree, never on the text, so an IRI, a string or a comment cannot hide a SERVICE.

The text both checks read is the text the engine runs: `\\uXXXX` escapes are expanded
first, as the SPARQL grammar says, and a query whose expansion still holds an escape is
refused, so the parser and the engine cannot read the same bytes two ways.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from newsgraph.core.errors import QueryError
from newsgraph.graph.endpoint import graph_iri
from newsgraph.graph.vocab import sparql_iri

Operation = Literal["query", "update"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPEN = "{(["


class QueryRefused(QueryError):
    """A well-formed query that asks for something this endpoint does not do (SERVICE, LOAD)."""


class QueryTooLarge(QueryError):
    """A query longer or more deeply nested than the endpoint's limits."""


@dataclass(frozen=True)
class Policy:
    """The limits and permissions every researcher's query is held to."""

    max_chars: int = 100_000
    max_depth: int = 64
    allow_service: bool = False
    load_hosts: Sequence[str] = ()  # LOAD may fetch from these hosts only


def expand_escapes(text: str) -> str:
    """The query with its `\\u` and `\\U` code point escapes replaced, as the grammar reads it."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"invalid escape {match.group(0)!r}: not a Unicode character")
        return chr(code)

    expanded = _ESCAPE.sub(char, text)
    if _ESCAPE.search(expanded):
        raise QueryRefused("an escape sequence may not spell another escape sequence")
    return expanded


def check_shape(text: str, policy: Policy) -> None:
    """Refuse a query longer than `max_chars` or with brackets nested deeper than `max_depth`.

    Strings, IRIs and comments are skipped as the grammar skips them, so a bracket inside
    a literal does not count.
    """
    if len(text) > policy.max_chars:
        raise QueryTooLarge(
            f"the query is {len(text):,} characters; this endpoint takes at most {policy.max_chars:,}"
        )
    depth = 0
    for bracket in _brackets(text):
        depth = depth + 1 if bracket in _OPEN else max(depth - 1, 0)
        if depth > policy.max_depth:
            raise QueryTooLarge(f"the query nests brackets more than {policy.max_depth} deep; flatten it")


def _brackets(text: str) -> Iterator[str]:
    """The brackets of a query, in order, outside strings, IRIs and comments."""
    return (token for _, token in _tokens(text) if token in _BRACKETS)


_BRACKETS = "{}()[]"
_NOT_IN_WORDS = frozenset(_BRACKETS + "\"'<#,;") | frozenset(" \t\r\n")


def _tokens(text: str) -> Iterator[tuple[int, str]]:
    """The brackets and the other runs of characters of a query (words, names, variables),
    with their offsets, outside strings, IRIs and comments."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<" and _looks_like_iri(text, i):
            i = text.index(">", i) + 1
        elif c in _BRACKETS:
            yield i, c
            i += 1
        elif c in _NOT_IN_WORDS:
            i += 1
        else:
            start = i
            while i < n and text[i] not in _NOT_IN_WORDS:
                i += 1
            yield start, text[start:i]


def with_dataset(update: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """An update with the Protocol's using-graph-uri and using-named-graph-uri parameters
    written into it: USING and USING NAMED before the WHERE of each DELETE/INSERT operation.

    Refused (QueryError) when the update names its own dataset (USING, USING NAMED, WITH),
    as the Protocol says. The IRIs must be IRIs (checked), so nothing else is written in.
    """
    if not default_graphs and not named_graphs:
        return update
    clauses = " ".join(
        [f"USING {sparql_iri(graph_iri(g))}" for g in default_graphs]
        + [f"USING NAMED {sparql_iri(graph_iri(g))}" for g in named_graphs]
    )
    depth, previous, wheres = 0, "", []
    for at, token in _tokens(update):
        if token in _OPEN:
            depth += 1
        elif token in _BRACKETS:
            depth = max(depth - 1, 0)
        elif depth == 0 and token.upper() in ("USING", "WITH"):
            raise QueryError(
                "the update names its own dataset (USING or WITH) and the request names another"
                " (using-graph-uri, using-named-graph-uri); give one"
            )
        elif depth == 0 and token.upper() == "WHERE" and previous.upper() != "DELETE":
            wheres.append(at)  # a DELETE WHERE shortcut takes no USING
        previous = token
    for at in reversed(wheres):
        update = f"{update[:at]}{clauses} {update[at:]}"
    return update


def _skip_string(text: str, start: int) -> int:
    quote = text[start]
    long = text.startswith(quote * 3, start)
    i = start + (3 if long else 1)
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
        elif long and text.startswith(quote * 3, i):
            return i + 3
        elif not long and c == quote:
            return i + 1
        elif not long and c in "\r\n":
            return i  # an unterminated short string: the parser will say so
        else:
            i += 1
    return len(text)


def _looks_like_iri(text: str, start: int) -> bool:
    """Whether `<` at `start` opens an IRIREF (and not a less-than comparison)."""
    end = text.find(">", start + 1)
    if end < 0:
        return False
    return all(c not in '<"{}|^`\\' and ord(c) > 0x20 for c in text[start + 1 : end])


# ---------------------------------------------------------------- the parse tree


def check_permissions(text: str, operation: Operation, policy: Policy) -> None:
    """Parse the query (or update) and refuse SERVICE and LOAD where the policy forbids them.

    Raises QueryError when the text is not SPARQL 1.1, QueryRefused when it asks for what
    the endpoint does not do. Parsing recurses once per nesting level: run it where the
    recursion limit allows `max_depth` (the query workers raise it).
    """
    tree = _parse(text, operation)
    for node in _nodes(tree):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern" and not policy.allow_service:
            raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint")
        if name == "Load":
            _check_load(str(node.get("iri")), policy)


def _parse(text: str, operation: Operation) -> Any:
    # Imported here: the parser takes a while to build its grammar, and only the query
    # workers and updates need it.
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(text) if operation == "query" else parseUpdate(text).request
    except ParseBaseException as exc:
        found = f", found {exc.line[exc.col - 1 : exc.col + 19]!r}" if exc.line else ""
        raise QueryError(f"SPARQL syntax error at {exc.lineno}:{exc.col}: {exc.msg}{found}") from None
    except RecursionError:
        raise QueryTooLarge("the query is nested too deeply to parse") from None
    except Exception as exc:  # the parser's own checks (e.g. a bad IRI) raise plain errors
        raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())[:200]}") from None


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree, depth first, without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)


def _check_load(iri: str, policy: Policy) -> None:
    parts = urlsplit(iri)
    if parts.scheme.lower() not in ("http", "https"):
        raise QueryRefused(f"LOAD <{iri[:80]}>: only http and https sources can be loaded")
    host = (parts.hostname or "").lower()
    if host not in {h.lower() for h in policy.load_hosts}:
        raise QueryRefused(
            f"LOAD from {host or 'this address'} is not allowed; NEWSGRAPH_SPARQL_LOAD_HOSTS names the hosts"
        )
