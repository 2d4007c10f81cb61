"""The extractor: articles in, extractions out, in batches through one spaCy pipeline."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib.metadata import version

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.core.types import Article, Entity, Extraction, Sentence
from newsgraph.ingest.entities import name_mentions
from newsgraph.ingest.pipeline import build_nlp
from newsgraph.ingest.resolve import EntityRegistry, resolve

EXTRACTOR_NAME = "newsgraph-extract"
EXTRACTOR_RELEASE = "1"


@Language.component("ng_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after a line break: titles and paragraphs never run together."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


def sentences(doc: Doc) -> tuple[Sentence, ...]:
    """The non-blank sentences of a doc, with offsets of their trimmed text."""
    result: list[Sentence] = []
    for sent in doc.sents:
        raw = sent.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        result.append(Sentence(len(result), start, start + len(stripped), stripped))
    return tuple(result)


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
        batch_size: int = 32,
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

    def extract_many(self, articles: Sequence[Article]) -> Iterator[Extraction]:
        """Extract articles in order; each sees the entities of the ones before it."""
        docs = self.nlp.pipe((a.document for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            yield self.extract_doc(article, doc)

    def extract(self, article: Article) -> Extraction:
        """Extract one article."""
        return next(self.extract_many([article]))

    def extract_doc(self, article: Article, doc: Doc) -> Extraction:
        """Sentences, mentions and resolved entities of one parsed article."""
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
        return Extraction(
            article=article,
            sentences=sentences(doc),
            entities=resolution.entities,
            mentions=resolution.mentions,
            surface_forms=forms,
            new_entity_ids=frozenset(e.id for e in resolution.new_entities),
            extractor_version=self.version,
        )


def installed_version(package: str) -> str:
    """The installed version of a distribution, or "?"."""
    try:
        return version(package)
    except Exception:
        return "?"
