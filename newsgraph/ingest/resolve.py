"""Entity resolution: one canonical entity per real-world thing, across all articles.

Within an article, mentions with the same name key (case, punctuation, possessives and
legal suffixes aside) form one cluster, and a one-word short form joins the full name
it abbreviates ("Trump" after "Donald Trump", "Cambricon" after "Cambricon
Technologies"). Each cluster then finds its canonical entity in the registry: by name
key, else by a conservative fuzzy match within a compatible class, else it is new.
Classes never merge across incompatible types (a Company is never a Place).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from newsgraph.core.ontology import compatible, more_specific
from newsgraph.core.text import name_key, respelling_allowed
from newsgraph.core.types import Entity, Mention
from newsgraph.ingest.entities import NameMention
from newsgraph.ingest.gazetteer import entity_id


class EntityRegistry:
    """The canonical entities known so far, findable by any of their names."""

    def __init__(self, entities: Iterable[Entity] = (), fuzzy_threshold: float = 92.0) -> None:
        self.fuzzy_threshold = fuzzy_threshold
        self._by_id: dict[str, Entity] = {}
        self._by_key: dict[str, list[str]] = defaultdict(list)
        for entity in entities:
            self.add(entity)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, entity_id: str) -> Entity:
        """The entity with this key."""
        return self._by_id[entity_id]

    def add(self, entity: Entity, names: Iterable[str] = ()) -> None:
        """Register an entity (or more names for one already known)."""
        self._by_id.setdefault(entity.id, entity)
        for name in (entity.label, *entity.aliases, *names):
            key = name_key(name)
            if key and entity.id not in self._by_key[key]:
                self._by_key[key].append(entity.id)

    def keys_to_gazetteer(self) -> dict[str, tuple[str, str]]:
        """Name key -> (id, class) for gazetteer entities whose key is unambiguous."""
        result: dict[str, tuple[str, str]] = {}
        for key, ids in self._by_key.items():
            known = [self._by_id[i] for i in ids if self._by_id[i].in_gazetteer]
            if len(known) == 1:
                result[key] = (known[0].id, known[0].type)
        return result

    def find(self, name: str, cls: str | None = None) -> Entity | None:
        """An entity with this name (of a compatible class, if given), gazetteer entries first."""
        key = name_key(name)
        candidates = [self._by_id[i] for i in self._by_key.get(key, ())]
        candidates = [e for e in candidates if cls is None or compatible(e.type, cls)]
        if not respelling_allowed(name, key):
            candidates = [e for e in candidates if name in (e.label, *e.aliases)]
        # By id among equals, so that a name two classes share finds the same entity whether
        # the registry was filled by this process's ingest or read back from the graph.
        candidates.sort(key=lambda e: (not e.in_gazetteer, e.id))
        return candidates[0] if candidates else None

    def find_fuzzy(self, name: str, cls: str) -> Entity | None:
        """The closest compatible entity whose name is nearly the same spelling."""
        key = name_key(name)
        if len(key) < 8:  # short names differ by one letter on purpose (H20, H200; Marvel, Marvell)
            return None
        choices = [k for k in self._by_key if abs(len(k) - len(key)) <= 3 and len(k) >= 5]
        for match, score, _ in process.extract(key, choices, scorer=fuzz.ratio, limit=5):
            if score < self.fuzzy_threshold or _digits(match) != _digits(key):
                break
            if match[0] != key[0]:
                continue  # a misspelling keeps the first letter: "Omicron" is not "Micron"
            if match.startswith(key) or key.startswith(match):
                continue  # a word made from the name: "Arizonan", "Americas"
            for candidate_id in self._by_key[match]:
                candidate = self._by_id[candidate_id]
                if compatible(candidate.type, cls):
                    return candidate
        return None

    def new_id(self, cls: str, label: str) -> str:
        """A fresh key for a new entity, suffixed when the plain one is taken."""
        base = entity_id(cls, label)
        candidate, n = base, 2
        while candidate in self._by_id:
            candidate, n = f"{base}-{n}", n + 1
        return candidate


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@dataclass
class _Cluster:
    cls: str
    mentions: list[NameMention] = field(default_factory=list)
    entity: Entity | None = None

    @property
    def declined(self) -> frozenset[str]:
        return frozenset().union(*(m.declined for m in self.mentions))

    @property
    def label(self) -> str:
        # The longest spelling is the fullest name ("Donald Trump", not "Trump").
        return max((m.text for m in self.mentions), key=lambda t: (len(t.split()), len(t)))


@dataclass(frozen=True)
class Resolution:
    """The outcome for one article: mentions linked to entities, and what is new."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    new_entities: tuple[Entity, ...]
    surface_forms: dict[str, frozenset[str]]  # entity id -> spellings seen in the article


def _cluster(mentions: list[NameMention], registry: EntityRegistry) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_gazetteer: dict[str, _Cluster] = {}
    by_key: dict[str, list[_Cluster]] = defaultdict(list)
    for mention in mentions:
        if mention.gazetteer_id:
            cluster = by_gazetteer.get(mention.gazetteer_id)
            if cluster is None:
                cluster = _Cluster(mention.cls, entity=registry.get(mention.gazetteer_id))
                by_gazetteer[mention.gazetteer_id] = cluster
                clusters.append(cluster)
            cluster.mentions.append(mention)
            continue
        key = name_key(mention.text)
        same = next((c for c in by_key[key] if compatible(c.cls, mention.cls)), None)
        if same is None:
            same = _Cluster(mention.cls)
            by_key[key].append(same)
            clusters.append(same)
        same.cls = more_specific(same.cls, mention.cls)
        same.mentions.append(mention)
    return _merge_short_forms(clusters)


def _merge_short_forms(clusters: list[_Cluster]) -> list[_Cluster]:
    """Fold a one-word name into the full name it shortens, if unambiguous: a statistical
    name into any full name; and a person's surname said after the full name ("Holland"
    after "Tom Holland", "Henderson" after "Jordan Henderson") into the person, whatever
    the gazetteer or the statistical model took the word for."""
    kept: list[_Cluster] = []
    for cluster in clusters:
        label = cluster.label
        if " " not in label:
            key = name_key(label)
            hosts = [
                other
                for other in clusters
                if other is not cluster
                and " " in other.label
                and (
                    _surname_of(key, cluster, other)
                    or (cluster.entity is None and _shortens(key, cluster, other))
                )
            ]
            if len(hosts) == 1:
                hosts[0].mentions.extend(cluster.mentions)
                continue
        kept.append(cluster)
    return kept


def _shortens(key: str, short: _Cluster, full: _Cluster) -> bool:
    words = name_key(full.label).split()
    if full.cls == "Person":
        # The statistical NER often tags a bare surname as ORG; a surname still joins.
        return words[-1] == key and short.cls in {"Person", "Organization"}
    return words[0] == key and compatible(short.cls, full.cls) and full.cls != "Place"


def _surname_of(key: str, short: _Cluster, person: _Cluster) -> bool:
    """Whether a one-word name is the surname of a person named in full before it."""
    if person.cls != "Person" or " " not in person.label or name_key(person.label).split()[-1] != key:
        return False
    if short.entity is not None and short.entity.type == "Person":
        return False  # a known person by that name: the gazetteer's link stands
    first = min((m.sentence, m.start) for m in short.mentions)
    return min((m.sentence, m.start) for m in person.mentions) < first


def resolve(mentions: list[NameMention], registry: EntityRegistry) -> Resolution:
    """Link one article's mentions to canonical entities, creating the ones not yet known."""
    clusters = _cluster(mentions, registry)
    new: list[Entity] = []
    for cluster in clusters:
        if cluster.entity is not None:
            continue
        label = cluster.label
        found = registry.find(label, cluster.cls) or registry.find_fuzzy(label, cluster.cls)
        if found is not None and found.id in cluster.declined:
            found = None  # the context said these words do not name it
        if found is None:
            found = Entity(id=registry.new_id(cluster.cls, label), label=label, type=cluster.cls)
            new.append(found)
        cluster.entity = found

    linked: list[Mention] = []
    forms: dict[str, set[str]] = defaultdict(set)
    for cluster in clusters:
        assert cluster.entity is not None
        for m in cluster.mentions:
            linked.append(Mention(m.sentence, m.start, m.end, m.text, cluster.entity.id))
            forms[cluster.entity.id].add(m.text)
    linked.sort(key=lambda m: m.start)
    entities = tuple(c.entity for c in clusters if c.entity is not None)
    return Resolution(
        mentions=tuple(linked),
        entities=entities,
        new_entities=tuple(new),
        surface_forms={k: frozenset(v) for k, v in forms.items()},
    )
