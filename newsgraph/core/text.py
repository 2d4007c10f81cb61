"""Small text helpers shared by extraction and search: name keys and slugs."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s$|'$", re.IGNORECASE)
_LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|sa|nv|bv|se"
    r"|holdings|group|co ltd))+$",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w]+")


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive ("Nvidia's", "Nvidia’s", "Siemens'") from a name."""
    straight = text.translate(_APOSTROPHES)
    stripped = _POSSESSIVE.sub("", straight) if "'" in straight else straight
    return text[: len(stripped)].rstrip()


def respelling_allowed(text: str, key: str) -> bool:
    """Whether words with a known name's key may stand for it though spelled otherwise: a long
    name in any case ("NVIDIA'S"), a short one only in capitals ("SIA"; not "Sia" the chimp)."""
    return len(key) > 4 or text.isupper()


@functools.lru_cache(maxsize=65536)
def name_key(name: str, *, drop_legal_suffix: bool = True) -> str:
    """The form two spellings of one name share: "U.S." and "US", "Nvidia Corp." and "NVIDIA".

    Case, punctuation, possessives, a leading "the" and legal suffixes do not count.
    """
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    text = strip_possessive(text)
    text = text.replace(".", "")
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    if drop_legal_suffix:
        shorter = _LEGAL_SUFFIX.sub("", text)
        text = shorter or text
    return _NON_WORD.sub(" ", text).strip().lower()


def slug(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug for building identifiers."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return value[:max_length].strip("-") or "x"


def singular(noun: str) -> str:
    """A plain English singular for a noun: "entities" -> "entity", "wafers" -> "wafer"."""
    if noun.endswith(("ss", "us", "is", "series", "species")) or len(noun) < 4:
        return noun
    if noun.endswith("ies"):
        return noun[:-1] if len(noun) <= 4 else noun[:-3] + "y"  # "dies", "ties"; "entities"
    if noun.endswith(("ches", "shes", "xes", "sses", "zes")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") else noun


def says_any(text: str, words: Iterable[str]) -> bool:
    """Whether the text has one of the words (or phrases) whole: "US Senate" says "US",
    "HOUSE" does not."""
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words)


def one_line(text: object, limit: int | None = None) -> str:
    """A message (or an error's) on one line; cut to `limit` characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1] + "…"


# The words of a question that say nothing of what is asked: articles, prepositions,
# auxiliaries, question words and the words for reporting news.
FUNCTION_WORDS = frozenset(
    (
        "a an the of to in on for by with and or is are was were be been do does did has have had "
        "what which who whom when why how much many that this these those it its their there from "
        "as at into about according than more most any some will would could can should may might "
        "say said tell told report reported article news"
    ).split()
)
