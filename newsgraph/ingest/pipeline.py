"""The spaCy pipeline: the statistical model, then the gazetteer's names over its NER.

The statistical NER reads the text first; then every gazetteer name found in it (Nvidia,
H20, SK Hynix, the Entity List ...) takes its domain class and canonical id, unless the
context says the words name something else (`KnownNames`):
- the longer name wins: "New York" inside "New York Stock Exchange", "America" inside
  "Bank of America", "Ellison" inside "Caroline Ellison", "U.S." inside "U.S. Food and
  Drug Administration" stay part of the longer name the NER found, which becomes an
  entity of its own (a list of known names, "SK Hynix and Micron", is not one name);
- people are people: a name the NER reads as a person's ("Treasury Secretary Rubin") is
  not linked to a product, chip or technology, unless a firm, product or technology of
  the gazetteer in the same sentence says the text is about them ("Nvidia's Rubin");
- a surname alone ("Ellison") is linked only where the article names the person in full,
  or one of the firms and bodies the gazetteer relates to them ("Oracle"), and never where
  the article names another person of that surname ("Caroline Ellison"); a firm's acronym
  of four letters or fewer ("IFS"), and a one-word firm the NER reads as a person ("Lam",
  "Dell"), are linked only where the article names the entity in full or another of the
  gazetteer's firms, bodies, products or rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.core.errors import IngestError
from newsgraph.core.ontology import ancestors
from newsgraph.core.text import says_any
from newsgraph.core.types import Entity
from newsgraph.ingest.gazetteer import country_words
from newsgraph.ingest.names import TEAMS, name_word

# Curly and straight apostrophes both occur in news copy; patterns are matched on exact
# tokens, so each name with an apostrophe is added in both spellings.
_APOSTROPHE_VARIANTS = (("'", "\u2019"), ("\u2019", "'"))


def surface_forms(entity: Entity) -> list[str]:
    """Every spelling of an entity the ruler should match, apostrophe variants included."""
    forms = {entity.label, *entity.aliases}
    for form in list(forms):
        for old, new in _APOSTROPHE_VARIANTS:
            if old in form:
                forms.add(form.replace(old, new))
    return sorted(forms)


def ruler_patterns(entities: Iterable[Entity]) -> list[dict[str, str]]:
    """EntityRuler phrase patterns: label is the domain class, id the canonical key."""
    return [
        {"label": entity.type, "pattern": form, "id": entity.id}
        for entity in entities
        for form in surface_forms(entity)
    ]


def build_nlp(model: str, gazetteer: Sequence[Entity]) -> Language:
    """Load the spaCy model and put the domain EntityRuler in front of its NER."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise IngestError(f"spaCy model {model!r} is not installed") from exc
    _split_dollar_prefixes(nlp)
    _split_model_name_stops(nlp)
    nlp.add_pipe("ng_name_repairs", after="ner")
    known = nlp.add_pipe("ng_known_names", after="ng_name_repairs")
    assert isinstance(known, KnownNames)
    known.add(ruler_patterns(gazetteer))
    known.relate(gazetteer)
    nlp.add_pipe("ng_research_firms", after="ng_known_names")
    return nlp


@Language.factory("ng_known_names")
def _known_names(nlp: Language, name: str) -> KnownNames:
    return KnownNames(nlp)


class KnownNames:
    """Gazetteer names over the statistical NER's, where the context lets them link."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab)
        self.names: dict[str, tuple[str, str]] = {}  # match key -> (class, entity id)
        self.context = Context({}, {})

    def relate(self, gazetteer: Iterable[Entity]) -> None:
        """What each entity's context must show: a person's firms and bodies, an
        institution's country (and the words that name it)."""
        entities = list(gazetteer)
        countries = {e.id: e for e in entities if e.type == "Country"}
        related = {e.id: e.related for e in entities if e.related}
        scope = {}
        for e in entities:
            if e.country in countries:
                land = countries[e.country]
                scope[e.id] = (land.id, country_words(land))
        self.context = Context(related, scope)

    def add(self, patterns: Iterable[dict[str, str]]) -> None:
        """Phrase patterns: label the domain class, id the canonical key, pattern the text."""
        by_key: dict[str, list[Doc]] = {}
        for pattern in patterns:
            key = f"{pattern['label']}|{pattern['id']}"
            self.names[key] = (pattern["label"], pattern["id"])
            by_key.setdefault(key, []).append(self.nlp.make_doc(pattern["pattern"]))
        for key, docs in by_key.items():
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matcher(doc):
            cls, entity_id = self.names[self.nlp.vocab.strings[match_id]]
            found.append(Span(doc, start, end, label=cls, span_id=entity_id))
        found = filter_spans(found)  # the longest of overlapping names
        statistical = list(doc.ents)
        covered = {i for m in found for i in range(m.start, m.end)}
        decided = [(m, _links(m, found, statistical, covered, self.context)) for m in found]
        linked = [m for m, links in decided if links]
        # Where the context says no, the words must not be linked to that entity later on
        # by their spelling either (entities.name_mentions, resolve.resolve).
        doc.user_data[DECLINED] = {(m.start_char, m.end_char): m.id_ for m, links in decided if not links}
        rest = [e for e in statistical if not any(e.start < m.end and m.start < e.end for m in linked)]
        doc.ents = filter_spans([*linked, *rest])
        return doc


# Where doc.user_data keeps the gazetteer links the context declined: (start, end) -> id.
DECLINED = "ng_declined_links"
# Classes whose one-word names need the article to be about their world: a surname alone
# ("Lee", "Huang"), or a short acronym of a firm or a product ("IFS").
_DOMAIN_ROOTS = {"Organization", "Product", "Technology", "Policy"}
# What a person's name never names ("Treasury Secretary Rubin" is no chip family).
_NOT_PEOPLE = {"Product", "Technology"}
_SHORT_ACRONYM_CLASSES = {"Company", "ResearchFirm"}  # "HBM" or "EUV" are only ever the technology
_PLACES = {"GPE", "NORP"}  # the statistical labels that say which country an article speaks of
# After a person's name, another person of that name: "Donald Trump Jr.".
_GENERATIONS = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Before an institution's name, a level below its country: "the state Senate".
_SUBNATIONAL = {"state", "provincial", "county", "city", "municipal", "regional", "local", "tribal"}
# Bodies named after what they are about: "Committee on Commerce", "Center for Strategic Studies".
_BODIES_ABOUT = {
    "committee", "subcommittee", "commission", "council", "caucus", "institute", "center", "centre",
}  # fmt: skip


@dataclass(frozen=True)
class Context:
    """What the gazetteer says an entity's context must show before a bare name links."""

    related: dict[str, tuple[str, ...]]  # a person's id -> the ids of their firms and bodies
    # an institution's id -> its country's id and the words naming that country
    scope: dict[str, tuple[str, frozenset[str]]]


def _links(
    name: Span, found: list[Span], statistical: list[Span], covered: set[int], context: Context
) -> bool:
    """Whether a gazetteer name found in the text names that entity here (`covered`: the
    tokens of every gazetteer name found)."""
    for ent in statistical:
        longer = ent.start <= name.start and name.end <= ent.end and len(ent) > len(name)
        if longer and not _listed(name, ent) and any(name_word(t) for t in ent if t.i not in covered):
            return False  # "New York" in "New York Stock Exchange"
    root = ancestors(name.label_)[-1]
    if root == "Place" and (name.start_char, name.end_char) in name.doc.user_data.get(TEAMS, ()):
        return False  # "Florida vs. Washington": a team, not the city
    if root == "Person" and name.end < len(name.doc) and name.doc[name.end].lower_ in _GENERATIONS:
        return False  # "Donald Trump Jr." is the son
    if _subject_of_a_body(name):
        return False  # "Commerce" in "Senate Committee on Commerce"
    if name.id_ in context.scope:
        words = context.scope[name.id_][1]
        if _below_its_country(name, found, statistical, words):
            return False  # "the state Senate", "the Arizona Senate"
        kin = [m for m in found if m.id_ == name.id_]
        if any(_below_its_country(m, found, statistical, words) for m in kin) and not any(
            says_any(m.text, words) for m in kin
        ):
            return False  # "the Senate" of an article about a state's
    if any(m.id_ == name.id_ and len(m) > len(name) for m in found):
        return True  # also named in full in the article: "Lam" after "Lam Research"
    if name.id_ in context.scope and not _in_its_country(name, found, statistical, *context.scope[name.id_]):
        return False  # "the Senate" of an article about Australia
    person = any(e.label_ == "PERSON" and e.start < name.end and name.start < e.end for e in statistical)
    if person and root in _NOT_PEOPLE:
        sentence = name.sent if name.doc.has_annotation("SENT_START") else name.doc[:]
        return any(
            m is not name and (m.label_ == "Company" or ancestors(m.label_)[-1] in _NOT_PEOPLE)
            for m in found
            if sentence.start <= m.start < sentence.end
        )
    if person and root == "Organization" and len(name) == 1:
        return _related(name, found)  # "Dell" the man, or Dell the firm
    if len(name) > 1 or any(m.id_ == name.id_ and m.text != name.text for m in found):
        return True  # a name in full, or also named otherwise in the article
    surname = root == "Person"
    acronym = name.label_ in _SHORT_ACRONYM_CLASSES and name.text.isalpha() and name.text.isupper()
    acronym = acronym and len(name.text) <= 4  # "IFS"; not a model number such as "H800"
    if not (surname or acronym):
        return True
    if surname and any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == name.text for e in statistical):
        return False  # "Ellison" after "Caroline Ellison"
    if surname:
        # "Huang" is Jensen Huang where Nvidia is named, not wherever some firm is.
        return any(m.id_ in context.related.get(name.id_, ()) for m in found)
    return _related(name, found)


def _listed(name: Span, ent: Span) -> bool:
    """Whether a known name is an item of a list the NER read as one name: a conjunction or a
    comma next to it inside that name ("SK Hynix and Advantest"), unlike a name with "and"
    further in ("U.S. Food and Drug Administration") or an ampersand ("Abercrombie & Fitch")."""
    doc = name.doc
    neighbours = [doc[i] for i in (name.start - 1, name.end) if ent.start <= i < ent.end]
    return any((t.pos_ == "CCONJ" and t.text != "&") or t.text == "," for t in neighbours)


def _below_its_country(name: Span, found: list[Span], statistical: list[Span], words: frozenset[str]) -> bool:
    """Whether an institution's name is said of a state, province or city: after "state",
    "county" ... or after a place that is not its country ("the Arizona Senate")."""
    if name.start == 0:
        return False
    before = name.doc[name.start - 1]
    if before.lower_ in _SUBNATIONAL:
        return True
    places = [m for m in found if ancestors(m.label_)[-1] == "Place"]
    places += [e for e in statistical if e.label_ in _PLACES or e.label_ == "LOC"]
    return any(p.end == name.start and not says_any(p.text, words) for p in places)


def _subject_of_a_body(name: Span) -> bool:
    """Whether the name is what a committee or an institute is about: "Committee on Commerce",
    "Center for Security"."""
    doc = name.doc
    if name.start < 2:
        return False
    link, head = doc[name.start - 1], doc[name.start - 2]
    return link.lower_ in ("on", "for") and head.is_title and head.lower_ in _BODIES_ABOUT


def _in_its_country(
    name: Span, found: list[Span], statistical: list[Span], country: str, words: frozenset[str]
) -> bool:
    """Whether an institution's name can be its country's here: it names the country ("US
    Senate"), the article speaks of that country, or of no place outside the gazetteer's
    world. "The Commerce Department barred Nvidia from shipping to China" is the US one;
    the Senate of an article about Canberra and Australians is not."""
    if says_any(name.text, words):
        return True
    if any(m.label_ == "Country" and m.id_ == country for m in found):
        return True
    elsewhere = [
        e
        for e in statistical
        if e.label_ in _PLACES and not any(m.start < e.end and e.start < m.end for m in found)
    ]
    return not elsewhere or any(e.text in words for e in statistical)


def _related(name: Span, found: list[Span]) -> bool:
    """Whether the article names another of the gazetteer's firms, bodies, products or rules
    (in full, not by a short acronym)."""
    return any(
        m.id_ != name.id_ and ancestors(m.label_)[-1] in _DOMAIN_ROOTS and (len(m) > 1 or len(m.text) > 4)
        for m in found
    )


# "analysts at ING", "an analyst at Macquarie": the name after such a phrase is a firm,
# whatever the statistical NER made of it (nothing, a person, "Korea" in "Korea Investment").
_ANALYSTS = {"analyst", "analysts", "economist", "economists", "strategist", "strategists"}
_AT = {"at", "from", "with"}
# What the NER may call such a name that a firm is not.
_NOT_FIRMS = {"PERSON", "GPE", "LOC", "NORP", "FAC", "Country", "City", "Region", "Place"}


@Language.component("ng_research_firms")
def research_firms(doc: Doc) -> Doc:
    """Make the capitalized words after "analysts at" one organization name."""
    firms = []
    for token in doc[:-2]:
        if token.lower_ not in _ANALYSTS or doc[token.i + 1].lower_ not in _AT:
            continue
        start = end = token.i + 2
        while end < len(doc) and (doc[end].is_title or doc[end].is_upper or doc[end].text == "&"):
            end += 1
        if end == start or doc[end - 1].text == "&":
            continue
        named = [e for e in doc.ents if e.start < end and e.end > start]
        if named and all(e.label_ not in _NOT_FIRMS for e in named):
            continue  # the NER or the gazetteer already has a firm there: "Morgan Stanley"
        firms.append(Span(doc, start, end, label="ORG"))
    if firms:
        kept = [e for e in doc.ents if not any(e.start < f.end and e.end > f.start for f in firms)]
        doc.ents = filter_spans([*kept, *firms])
    return doc


# Dollars of other countries: "NT$452.3", "HK$12", "A$5", "US$3". The stock tokenizer keeps
# "NT$452.3" as one word, so the NER never sees an amount of money there.
_DOLLAR_PREFIX = r"(?:NT|HK|US|A|C|S|NZ|R)\$"


def _split_dollar_prefixes(nlp: Language) -> None:
    prefixes = [_DOLLAR_PREFIX, *nlp.Defaults.prefixes]  # type: ignore[misc]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search  # type: ignore[union-attr]


# A full stop after a model name that ends in a capital: "ordered the MI300X.", "HBM3E.".
# The stock suffix rules keep a stop after a capital letter ("U.S."), so the name and the
# stop stayed one word and the name went unrecognized at the end of a sentence.
_MODEL_NAME_STOP = r"(?<=[0-9][A-Z])\."


def _split_model_name_stops(nlp: Language) -> None:
    suffixes = [_MODEL_NAME_STOP, *nlp.Defaults.suffixes]  # type: ignore[misc]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search  # type: ignore[union-attr]
