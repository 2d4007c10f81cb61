"""The extractor: articles in, extractions out, in batches through one spaCy pipeline."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.metadata import version

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.core.relations import Vocabulary
from newsgraph.core.types import Article, Entity, Extraction, Sentence
from newsgraph.ingest.claims import ClaimExtractor
from newsgraph.ingest.dates import date_mentions
from newsgraph.ingest.entities import name_mentions
from newsgraph.ingest.figures import figure_mentions
from newsgraph.ingest.parses import serialized
from newsgraph.ingest.pipeline import build_nlp
from newsgraph.ingest.resolve import EntityRegistry, resolve

EXTRACTOR_NAME = "newsgraph-extract"
EXTRACTOR_RELEASE = "2"


@Language.component("ng_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after a line break: titles and paragraphs never run together.

    A line wrapped inside a sentence ("would cost" / "between $8,000 and $9,000.": text
    files are often wrapped by hand) is not a break: a single line break where the line
    before ends in no sentence-ending mark and the next starts in lower case, with a
    digit or a currency sign. The parser then decides, as within a line.
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text_with_ws and not token.is_space and not _wrapped(before, token):
            token.is_sent_start = True
    return doc


_ENDS = {".", "!", "?", ":", ";", '"', "\u201d", "\u2019", ")"}


def _wrapped(before: Token, token: Token) -> bool:
    """Whether the line break before a token only wraps a sentence."""
    doc = token.doc
    last = before if not before.is_space else (doc[before.i - 1] if before.i > 0 else before)
    between = doc.text[last.idx + len(last.text) : token.idx]
    continues = token.text[:1].islower() or token.text[:1].isdigit() or token.is_currency
    return between.count("\n") == 1 and not last.is_space and last.text not in _ENDS and continues


def sentences(doc: Doc) -> list[tuple[Sentence, Span]]:
    """The non-blank sentences of a doc, with offsets of their trimmed text, and their spans."""
    result: list[tuple[Sentence, Span]] = []
    for sent in doc.sents:
        raw = sent.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        result.append((Sentence(len(result), start, start + len(stripped), stripped), sent))
    return result


def sentence_locator(found: Sequence[Sentence]) -> Callable[[int], int]:
    """A function from a character offset to the index of the sentence holding it."""
    starts = [s.start for s in found]
    return lambda char: max(bisect_right(starts, char) - 1, 0)


def build_pipeline(model: str, gazetteer: Sequence[Entity]) -> Language:
    """The spaCy model with the domain ruler and paragraph-aware sentence breaks."""
    nlp = build_nlp(model, gazetteer)
    nlp.add_pipe("ng_paragraph_breaks", before="parser")
    return nlp


class Extractor:
    """Turns articles into extractions, resolving names against a shared registry."""

    def __init__(
        self,
        nlp: Language,
        registry: EntityRegistry,
        stopnames: frozenset[str],
        vocabulary: Vocabulary,
        batch_size: int = 32,
        rules_off: Iterable[str] = (),
    ) -> None:
        self.nlp = nlp
        self.registry = registry
        self.stopnames = stopnames
        self.batch_size = batch_size
        self.version = (
            f"{EXTRACTOR_NAME}/{EXTRACTOR_RELEASE} spacy/{spacy.__version__} "
            f"{nlp.meta.get('name', 'model')}/{nlp.meta.get('version', '?')}"
        )
        self._gazetteer_keys = registry.keys_to_gazetteer()
        countries = {gid for gid, cls in self._gazetteer_keys.values() if cls == "Country"}
        known = [registry.get(gid) for gid in sorted(countries)]
        self.claims = ClaimExtractor(vocabulary, known, rules_off)

    def extract_many(self, articles: Sequence[Article]) -> Iterator[Extraction]:
        """Extract articles in order; each sees the entities of the ones before it."""
        docs = self.nlp.pipe((a.document for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            yield self.extract_doc(article, doc)

    def extract(self, article: Article) -> Extraction:
        """Extract one article."""
        return next(self.extract_many([article]))

    def extract_doc(self, article: Article, doc: Doc) -> Extraction:
        """Sentences, mentions, entities, dates, figures and claims of one parsed article."""
        found = sentences(doc)
        locate = sentence_locator([sentence for sentence, _ in found])
        mentions = name_mentions(doc, self.stopnames, self._gazetteer_keys)
        resolution = resolve(mentions, self.registry)
        for entity in resolution.entities:
            self.registry.add(entity, resolution.surface_forms.get(entity.id, ()))
        forms = tuple(
            (entity.id, form)
            for entity in resolution.entities
            for form in sorted(resolution.surface_forms.get(entity.id, ()))
            if form != entity.label and form not in entity.aliases
        )
        dates = date_mentions(doc, article.published, locate)
        figures = figure_mentions(doc, dates, locate)
        # Headlines are written in a telegraphic style the parser reads poorly, and the
        # body repeats their facts in full sentences: claims come from the body only.
        body = found[1:] if article.title else found
        claims = self.claims.extract(
            doc,
            [(sentence.index, span) for sentence, span in body],
            resolution.mentions,
            resolution.entities,
            figures,
            dates,
            article.published,
        )
        # A claim may name an entity the text implies but does not name: "the Dutch
        # government" acts as the Netherlands.
        named = {e.id for e in resolution.entities}
        implied = sorted(
            {e for c in claims for e in (c.subject, c.object_entity, c.attributed_to) if e and e not in named}
        )
        return Extraction(
            article=article,
            sentences=tuple(sentence for sentence, _ in found),
            entities=(*resolution.entities, *(self.registry.get(e) for e in implied if e in self.registry)),
            mentions=resolution.mentions,
            dates=tuple(dates),
            figures=tuple(figures),
            claims=tuple(claims),
            surface_forms=forms,
            new_entity_ids=frozenset(e.id for e in resolution.new_entities),
            extractor_version=self.version,
            parse=serialized(doc),
        )


def installed_version(package: str) -> str:
    """The installed version of a distribution, or "?"."""
    try:
        return version(package)
    except Exception:
        return "?"
