"""The parses ingest keeps for the reader: the same sentences, tags and names as a fresh
parse would give, forgotten with their article, rebuilt by reindex for older stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from newsgraph.core.settings import Settings
from newsgraph.core.types import Article
from newsgraph.qa.evidence import Evidence
from newsgraph.service.facade import Newsgraph

ARTICLE = Article(
    id="harbour-strike",
    title="Dockers strike at Rotterdam",
    text=(
        "Workers at the Port of Rotterdam walked out on Monday, the FNV union said.\n\n"
        "Maria Jansen, who leads the union, said 4,000 members joined the strike. "
        "Shipping lines diverted vessels to Antwerp."
    ),
    source="Harbour Times",
    published=date(2026, 3, 2),
)


def _evidence(service: Newsgraph, article_id: str) -> list[Evidence]:
    """Every stored sentence of an article, as the reader receives them."""
    text = service.graph.article_text(article_id)
    assert text is not None
    return [
        Evidence(f"s{s.index}", article_id, text.title, None, s.text, s.start, s.end, 1.0, (), (), ())
        for s in text.sentences
    ]


def _kept(service: Newsgraph, evidence: list[Evidence]) -> list[Doc | None]:
    """The sentences as the parse store holds them (None where it does not)."""
    vocab = service._parse(["warm"])[0].vocab
    return service.parses.sentences(vocab, [(e.article_id, e.start, e.end, e.text) for e in evidence])


def test_the_kept_parse_gives_each_sentence_as_parsed(service: Newsgraph) -> None:
    service.ingest_articles([ARTICLE])
    evidence = _evidence(service, ARTICLE.id)
    assert all(doc is not None for doc in _kept(service, evidence))
    docs = service._parse_sentences(evidence)
    # Cut from the article, a sentence keeps the space after its last token.
    assert [d.text.rstrip() for d in docs] == [e.text for e in evidence]
    said = {(ent.text, ent.label_) for d in docs for ent in d.ents}
    assert ("Maria Jansen", "PERSON") in said
    fourth = docs[2]
    assert {t.lemma_ for t in fourth} >= {"say", "join", "member"}
    assert any(t.dep_ == "nsubj" for t in fourth)
    assert list(fourth.noun_chunks)


def test_a_sentence_whose_text_differs_is_parsed_afresh(service: Newsgraph) -> None:
    service.ingest_articles([ARTICLE])
    first = _evidence(service, ARTICLE.id)[1]
    changed = replace(first, text="Strikers met Jan Smit in Delft.")
    assert _kept(service, [changed]) == [None]
    (doc,) = service._parse_sentences([changed])
    assert doc.text == "Strikers met Jan Smit in Delft."


def test_delete_forgets_the_parse_and_reindex_rebuilds_missing_ones(service: Newsgraph) -> None:
    service.ingest_articles([ARTICLE])
    assert service.parses.missing([ARTICLE.id]) == []
    service.parses.drop([ARTICLE.id])  # as a store of an older release would be
    assert service.parses.missing([ARTICLE.id]) == [ARTICLE.id]
    service.reindex()
    assert service.parses.missing([ARTICLE.id]) == []
    evidence = _evidence(service, ARTICLE.id)
    rebuilt = _kept(service, evidence)
    assert [d.text.rstrip() if d is not None else None for d in rebuilt] == [e.text for e in evidence]
    service.delete(ARTICLE.id)
    assert service.parses.missing([ARTICLE.id]) == [ARTICLE.id]


def test_a_damaged_parse_is_parsed_around(service: Newsgraph) -> None:
    service.ingest_articles([ARTICLE])
    service.parses.put(ARTICLE.id, b"not a parse")
    evidence = _evidence(service, ARTICLE.id)
    assert _kept(service, evidence) == [None] * len(evidence)
    assert [d.text for d in service._parse_sentences(evidence)] == [e.text for e in evidence]


def test_a_read_only_store_reads_the_kept_parses(settings: Settings) -> None:
    with Newsgraph(settings) as writer:
        writer.ingest_articles([ARTICLE])
    with Newsgraph(settings.model_copy(update={"read_only": True})) as reader:
        evidence = _evidence(reader, ARTICLE.id)
        assert all(doc is not None for doc in _kept(reader, evidence))


def test_a_damaged_parse_file_does_not_keep_the_store_from_opening(settings: Settings) -> None:
    with Newsgraph(settings) as writer:
        writer.ingest_articles([ARTICLE])
    for name in ("parses.sqlite", "parses.sqlite-wal", "parses.sqlite-shm"):
        (settings.store / name).unlink(missing_ok=True)
    (settings.store / "parses.sqlite").write_bytes(b"not a database at all" * 100)
    with Newsgraph(settings) as service:
        evidence = _evidence(service, ARTICLE.id)
        assert [d.text for d in service._parse_sentences(evidence)] == [e.text for e in evidence]
