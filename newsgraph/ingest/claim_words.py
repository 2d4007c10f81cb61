"""The word lists the claim extractors read the parse by.

Verbs, nouns and prepositions that mark a kind of act, argument or clause ("allow",
"licence", "such as"), the dependency labels of clauses and arguments, and the relation
sets the steps check ("relations a product may be the subject of"): those of
claim_syntax.py and claims.py, then those of the regulation patterns
(claim_regulation.py) and of the claims nouns state (claim_patterns.py). The lists
themselves are data, in data/claim_words.yaml (one named, commented list each); this module
loads them once, under the names the rules import, and refuses a file with a list missing
or one it does not know.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from newsgraph.core.errors import IngestError

WORDS_FILE = Path(__file__).parent / "data" / "claim_words.yaml"


def _load(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise IngestError(f"cannot read the claim word lists {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise IngestError(f"{path}: expected named word lists")
    return data


_WORDS = _load(WORDS_FILE)


def _words(name: str) -> frozenset[str]:
    """One list, as a set of words."""
    words = _WORDS.pop(name, None)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise IngestError(f"{WORDS_FILE}: {name} must be a list of words")
    return frozenset(words)


def _words_by(name: str) -> dict[str, frozenset[str]]:
    """A mapping of names (relations) to their lists of words."""
    table = _WORDS.pop(name, None)
    if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
        raise IngestError(f"{WORDS_FILE}: {name} must map names to lists of words")
    return {str(k): frozenset(v) for k, v in table.items()}


def _pairs(name: str) -> dict[str, str]:
    """A mapping of names to names."""
    table = _WORDS.pop(name, None)
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise IngestError(f"{WORDS_FILE}: {name} must map names to names")
    return {str(k): v for k, v in table.items()}


REPORTING = _words("reporting")
HEDGES = _words("hedges")
RECEIVING = _words("receiving")
URGING = _words("urging")
DIRECTING = _words("directing")
CEASING = _words("ceasing")
PERMITTING = _words("permitting")
AFFECTING = _words("affecting")
TAKING = _words("taking")
PREVENTING = _words("preventing")
DENIALS = _words("denials")
WARNING_PREPS = _words("warning_preps")
YARDSTICKS = _words("yardsticks")
BEATING = _words("beating")
MATCHING = _words("matching")
UNASSERTED_MARKS = _words("unasserted_marks")
HEDGING_VERBS = _words("hedging_verbs")
SOURCE_NOUNS = _words("source_nouns")
GENERIC_SOURCES = _words("generic_sources")
ORG_ANAPHORS = _words("org_anaphors")
GOVERNMENT_ANAPHORS = _words("government_anaphors")
PERSON_ANAPHORS = _words("person_anaphors")
NATIONAL_GOVERNMENTS = _words("national_governments")
CLAUSE_DEPS = _words("clause_deps")
SUBJECT_DEPS = _words("subject_deps")
OBJECT_DEPS = _words("object_deps")
CORE_DEPS = _words("core_deps")
NUMERIC_ENTS = _words("numeric_ents")
CURRENCIES = _words("currencies")
TEMPORAL_PREPS = _words("temporal_preps")
PLACE_PREPS = _words("place_preps")
MEMBER_PREPS = _words("member_preps")
LITERAL_RELATIONS = _words("literal_relations")
PRODUCT_RELATIONS = _words("product_relations")
FIGURE_RELATIONS = _words("figure_relations")
EVENT_PREPS = _words("event_preps")
CONSIDERING = _words("considering")
QUANTIFIERS = _words("quantifiers")
ANAPHORIC_STARTS = _words("anaphoric_starts")
OBJECT_PREPS = _words("object_preps")
PREPOSITIONAL = _words("prepositional")
RELATION_PREPS = _words_by("relation_preps")
COPULAS = _words("copulas")
ROLE_FROM_HOLDER = _pairs("role_from_holder")
REGULATORY = _words("regulatory")
PLAIN_ADJECTIVES = _words("plain_adjectives")
JOINT_WORK = _words("joint_work")
NOMINAL_ACTS = _words("nominal_acts")
NOMINAL_PREPS = _words("nominal_preps")
PREVENTS = _words("prevents")
LICENCES = _words("licences")
REVOKING = _words("revoking")
AMOUNTS = _words("amounts")
NAMING = _words("naming")
NOTICES = _words("notices")
RULE_NOUNS = _words("rule_nouns")
RULE_VERBS = _words("rule_verbs")
MAKING = _words("making")
OWNED_DEALS = _words_by("owned_deals")
PLANTS = _words("plants")
RUNNING = _words("running")
ARRIVING = _words("arriving")
SALES_NOUNS = _words("sales_nouns")
MAJORITY = _words("majority")
FORECAST_NOUNS = _words("forecast_nouns")

SPECULATIVE = _words("speculative")
FUTURE_AUX = _words("future_aux")
EXPECTING = _words("expecting")
IMPACT_NOUNS = _words("impact_nouns")
EXECUTIVE_TITLES = _words("executive_titles")
REFUSED = _words("refused")
PRODUCT_ANAPHORS = _words("product_anaphors")
STATIVE = _words("stative")
SPOKESPEOPLE = _words("spokespeople")
PARTITIVES = _words("partitives")
EFFORTS = _words("efforts")
OFFICIALS = _words("officials")
ORDERING_OTHERS = _words("ordering_others")
FORCING = _words("forcing")
OBLIGING = _words("obliging")
TRADE = _words("trade")
STOPPING = _pairs("stopping")
TAKING_FROM = _words("taking_from")
CONTESTED = _words("contested")
HOMEGROWN = _words("homegrown")
PREFERRING = _words("preferring")
SUPPLIER_NOUNS = _words("supplier_nouns")
STANDING = _words("standing")
OUTPUT_NOUNS = _words("output_nouns")
CAPACITY_NOUNS = _words("capacity_nouns")
HOLDING_BACK = _words("holding_back")

# Relations that may take a phrase as object at all ("bans exports of gallium"); the
# others (buys, develops ...) are facts about named things and need a named object.
LITERAL_OBJECT_RELATIONS = LITERAL_RELATIONS | {
    "bans",
    "restricts",
    "eases",
    "sanctions",
    "approves",
    "warns",
    "denies",
    "says",
    "estimates",
    "projects",
}
MAX_LITERAL_WORDS = 12

if _WORDS:
    raise IngestError(f"{WORDS_FILE}: unknown word lists {', '.join(sorted(_WORDS))}")
