"""Turn files on disk into `Article`s: plain text, Markdown, JSON, JSON Lines, HTML and feeds.

Every format ends in the same normalised text and the same stable id. A bad file (or one
bad JSON Lines record) becomes a `LoadFailure` in `load_paths`, so one broken file never
stops a batch; `load_file` raises instead, with a one-line message that names the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml
from lxml import etree

from newsgraph.core.errors import EmptyArticle, IngestError, UnsupportedFormat
from newsgraph.core.records import LoadFailure
from newsgraph.core.types import Article, is_article_id


@dataclass(frozen=True)
class Overrides:
    """Values given on the command line that win over a file's own."""

    published: date | None = None
    source: str | None = None


NO_OVERRIDES = Overrides()

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm", ".rss", ".atom", ".xml"}
)

_BINARY_SNIFF_BYTES = 8192
_MAX_TITLE_CHARS = 150
_ID_STEM_CHARS = 48  # the readable part of an id made from one that is too long or has odd characters
# The parser's own limit (spaCy's max_length): a longer text is refused before it is stored.
MAX_ARTICLE_CHARS = 1_000_000
# Where a sentence (or a line) ends, for counting them before parsing.
_SENTENCE_ENDS = re.compile(r"[.!?…]+(?=\s|$)|\n+")


# ---------------------------------------------------------------- public API


def iter_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Yield files as given and the files under folders, sorted, skipping hidden ones."""
    for path in paths:
        if path.is_dir():
            yield from sorted(_walk_visible(path))
        else:
            # A missing path is yielded anyway so that load_file reports it as a failure.
            yield path


def load_file(path: Path, overrides: Overrides = NO_OVERRIDES) -> list[Article]:
    """Load every article in one file, raising an `IngestError` that names the file."""
    articles, failures = _load_records(path, overrides)
    if articles:
        # JSON Lines with some good records: the good ones are the answer.
        return articles
    origin, error = failures[0]
    more = f" (and {len(failures) - 1} more bad records)" if len(failures) > 1 else ""
    raise type(error)(f"{origin}: {error}{more}") from error


def load_paths(
    paths: Sequence[Path], overrides: Overrides = NO_OVERRIDES
) -> tuple[list[Article], list[LoadFailure]]:
    """Load every file under `paths`, collecting failures instead of raising."""
    articles: list[Article] = []
    failures: list[LoadFailure] = []
    for path in iter_files(paths):
        loaded, failed = _load_records(path, overrides)
        articles.extend(loaded)
        failures.extend(LoadFailure(origin, str(error)) for origin, error in failed)
    return articles, failures


def oversize(article: Article, max_chars: int, max_sentences: int) -> str | None:
    """Why an article is too large to ingest, or None. Sentences are counted roughly (by their
    ends), before any parsing: the point is to refuse what would tie the parser up."""
    if len(article.text) > max_chars:
        return f"article text is {len(article.text):,} characters; the limit is {max_chars:,}"
    sentences = len(_SENTENCE_ENDS.findall(article.text))
    if sentences > max_sentences:
        return f"article has about {sentences:,} sentences; the limit is {max_sentences:,}"
    return None


def article_id(url: str | None, title: str | None, text: str) -> str:
    """A stable id: a hash of the normalised URL, or of title and text when there is none."""
    key = _normalise_url(url) if url and url.strip() else f"{title or ''}\n{text}"
    return "a" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:15]


def parse_date(value: object) -> date | None:
    """A date from a date, datetime or date string; None when absent or unparseable."""
    if isinstance(value, datetime):  # before `date`: datetime is a subclass of it
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return _parse_free_date(text)


# ---------------------------------------------------------------- files and dispatch

_RecordFailure = tuple[str, IngestError]  # (origin, error whose message omits the path)


IGNORE_FILE = ".newsgraphignore"


def _ignore_patterns(folder: Path) -> list[str]:
    """Glob patterns from a folder's .newsgraphignore, relative to that folder."""
    path = folder / IGNORE_FILE
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]


def _walk_visible(folder: Path) -> Iterator[Path]:
    # A .newsgraphignore at the top of a folder keeps files that are not articles
    # (annotations, notes) out of a folder ingest, like .gitignore does for git.
    ignored = _ignore_patterns(folder)

    def skip(path: Path) -> bool:
        relative = path.relative_to(folder).as_posix()
        return path.name.startswith(".") or any(fnmatch(relative, p) for p in ignored)

    for root, dirnames, filenames in os.walk(folder):
        # Pruning in place stops os.walk from descending into .git and friends at all.
        dirnames[:] = [name for name in dirnames if not skip(Path(root) / name)]
        for name in filenames:
            if not skip(Path(root) / name):
                yield Path(root) / name


def _load_records(path: Path, overrides: Overrides) -> tuple[list[Article], list[_RecordFailure]]:
    """Load one file into articles and per-record failures; never raises an `IngestError`."""
    origin = str(path)
    try:
        suffix = path.suffix.lower()
        text = _read_text(path)
        if suffix in _RECORD_LOADERS:
            return _RECORD_LOADERS[suffix](text, origin, overrides)
        return _LOADERS[suffix](text, origin, overrides), []
    except IngestError as error:
        return [], [(origin, error)]


def _read_text(path: Path) -> str:
    if not path.exists():
        raise IngestError("file not found")
    if path.is_dir():
        raise IngestError("is a directory, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "(none)"
        raise UnsupportedFormat(
            f"unsupported file type {shown} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot read file ({error.strerror})") from error
    if not data.strip():
        raise EmptyArticle("empty file")
    nul = data.find(b"\x00", 0, _BINARY_SNIFF_BYTES)
    if nul != -1:
        raise UnsupportedFormat(f"binary content, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.object[error.start]
        raise UnsupportedFormat(
            f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {error.start})"
        ) from error
    return text.removeprefix("\ufeff")  # a BOM is an encoding mark, not text


# ---------------------------------------------------------------- building articles


def _normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\f\v]+$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _clean_line(value: str | None) -> str | None:
    """A title or source on one line, or None when blank."""
    if value is None:
        return None
    line = " ".join(unicodedata.normalize("NFC", value).split())
    return line or None


def _normalise_url(url: str) -> str:
    """The form two spellings of one page's URL share: case of scheme and host, tracking, '#'."""
    parts = urlsplit(url.strip())
    # Split the query by hand rather than re-encode it, so untouched parameters stay byte-identical.
    query = "&".join(pair for pair in parts.query.split("&") if pair and not pair.lower().startswith("utm_"))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), query, ""))


def _sanitise_id(value: str) -> str:
    """An explicit id as an article id: kept when it is one, else a readable stem and a hash.

    Never cut: two different explicit ids always give two different article ids.
    """
    value = value.strip()
    if is_article_id(value):
        return value
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-.")[:_ID_STEM_CHARS].strip("-.")
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]
    return f"{stem}-{digest}" if stem else f"a{digest}"


def _build_article(
    origin: str,
    overrides: Overrides,
    *,
    text: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: object = None,
    explicit_id: str | None = None,
) -> Article:
    body = _normalise_text(text)
    if not body:
        raise EmptyArticle("no article text")
    if len(body) > MAX_ARTICLE_CHARS:
        raise IngestError(f"article text is {len(body):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    title = _clean_line(title)
    url = (url or "").strip() or None
    own_id = _sanitise_id(explicit_id) if explicit_id else ""
    return Article(
        id=own_id or article_id(url, title, body),
        text=body,
        title=title,
        url=url,
        source=overrides.source or _clean_line(source),
        published=overrides.published or parse_date(published) or _implied_date(body, origin),
        origin=origin,
    )


# "SEOUL, March 4, 2025 —" or "TAIPEI, 4 March 2025 (Wire) -": a wire story's dateline.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40},\s+(?P<date>[^—–(]{6,30}?\d{4})\s*(?:\([^)]{1,40}\)\s*)?[—–-]"
)
# "2025-04-16-nvidia-h20-charge.txt": a dated file name, the usual way to keep news on disk.
_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")


def _implied_date(body: str, origin: str) -> date | None:
    """A publication date the metadata does not give: the body's dateline, else the file name's."""
    dateline = _DATELINE.match(body[:100])
    if dateline and (found := _parse_free_date(dateline["date"])):
        return found
    named = _DATED_NAME.match(Path(origin.split(":", 1)[0]).name)
    return parse_date(named[1]) if named else None


def _string_field(record: Mapping[str, object], *keys: str) -> str | None:
    """The first present key's value as a string; numbers are accepted, others refused."""
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise IngestError(f"field '{key}' must be a string, not {type(value).__name__}")
        return str(value)
    return None


def _article_from_fields(record: Mapping[str, object], origin: str, overrides: Overrides) -> Article:
    """An article from the fields shared by JSON records and Markdown front matter."""
    text = _string_field(record, "text", "body", "content")
    if text is None:
        raise EmptyArticle("no text field (expected 'text', 'body' or 'content')")
    return _build_article(
        origin,
        overrides,
        text=text,
        title=_string_field(record, "title"),
        url=_string_field(record, "url"),
        source=_string_field(record, "source"),
        published=record["published"] if record.get("published") is not None else record.get("date"),
        explicit_id=_string_field(record, "id"),
    )


# ---------------------------------------------------------------- plain text

_SENTENCE_END = tuple(".?!:…")
_CLOSING_MARKS = "\"'”’)»"


def _looks_like_title(line: str) -> bool:
    # A quoted sentence ('He said "no."') still ends a sentence, so look past closing marks.
    return len(line) <= _MAX_TITLE_CHARS and not line.rstrip(_CLOSING_MARKS).endswith(_SENTENCE_END)


def _load_txt(raw: str, origin: str, overrides: Overrides) -> list[Article]:
    text = _normalise_text(raw)
    first, _, rest = text.partition("\n")
    # A title needs a body after it; a one-line file is all body.
    if rest.strip() and _looks_like_title(first):
        return [_build_article(origin, overrides, text=rest, title=first)]
    return [_build_article(origin, overrides, text=text)]


# ---------------------------------------------------------------- Markdown

_MD_LINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^ {0,3}(?:[-*_] *){3,}$", re.MULTILINE), ""),  # thematic breaks
    (re.compile(r"^ {0,3}(?:=+|```.*|~~~.*)$", re.MULTILINE), ""),  # setext underlines, fences
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S.*$", re.MULTILINE), ""),  # link reference definitions
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^ {0,3}(?:> ?)+", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^(\s*)[-*+][ \t]+", re.MULTILINE), r"\1"),  # bullet markers
)
_MD_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images carry no prose
    (re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),  # links keep their text
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(\*\*|__|~~)(?=\S)([^\n]+?)(?<=\S)\1"), r"\2"),
    # Single * or _ only around words, so snake_case and "5 * 3" survive.
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
)
_MD_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def _split_front_matter(text: str) -> tuple[dict[str, object], str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise IngestError("front matter opened with '---' on line 1 is never closed") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        raise IngestError(f"invalid YAML front matter: {_yaml_problem(error)}") from error
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise IngestError(f"front matter must be a YAML mapping, not {type(meta).__name__}")
    return {str(key).lower(): value for key, value in meta.items()}, "\n".join(lines[end + 1 :])


def _yaml_problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        line = error.problem_mark.line + 2  # +1 for 1-based, +1 for the opening '---'
        return f"{error.problem} at line {line}"
    return " ".join(str(error).split())


def _strip_markdown(text: str) -> str:
    for rules in (_MD_LINE_RULES, _MD_INLINE_RULES):
        for pattern, replacement in rules:
            text = pattern.sub(replacement, text)
    return text


def _load_markdown(raw: str, origin: str, overrides: Overrides) -> list[Article]:
    meta, body = _split_front_matter(_normalise_text(raw))
    body = body.strip()
    first, _, rest = body.partition("\n")
    heading = _MD_H1.match(first)
    title = _string_field(meta, "title")
    # A leading "# Title" is the title unless front matter has one; a repeat of it is dropped.
    if heading and (title is None or _clean_line(heading.group(1)) == _clean_line(title)):
        title = _strip_markdown(heading.group(1))
        body = rest
    fields = {**meta, "title": title, "text": _strip_markdown(body)}
    fields.pop("body", None)
    fields.pop("content", None)
    return [_article_from_fields(fields, origin, overrides)]


# ---------------------------------------------------------------- JSON and JSON Lines


def _json_kind(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _article_from_json(value: object, origin: str, overrides: Overrides) -> Article:
    if not isinstance(value, dict):
        raise UnsupportedFormat(f"expected a JSON object, found {_json_kind(value)}")
    return _article_from_fields(value, origin, overrides)


def _load_json(raw: str, origin: str, overrides: Overrides) -> tuple[list[Article], list[_RecordFailure]]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise IngestError(f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from error
    if not isinstance(value, list):
        return [_article_from_json(value, origin, overrides)], []
    if not value:
        raise EmptyArticle("empty JSON array: no records")
    # Like JSON Lines, one bad record in an array costs only that record; "[i]" says which.
    articles: list[Article] = []
    failures: list[_RecordFailure] = []
    for index, record in enumerate(value):
        try:
            articles.append(_article_from_json(record, origin, overrides))
        except IngestError as error:
            failures.append((f"{origin}[{index}]", error))
    return articles, failures


def _load_jsonl(raw: str, origin: str, overrides: Overrides) -> tuple[list[Article], list[_RecordFailure]]:
    articles: list[Article] = []
    failures: list[_RecordFailure] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            articles.append(_article_from_json(_parse_json_line(line), line_origin, overrides))
        except IngestError as error:
            failures.append((line_origin, error))
    if not articles and not failures:
        failures.append((origin, EmptyArticle("no records")))
    return articles, failures


def _parse_json_line(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(f"invalid JSON at column {error.colno}: {error.msg}") from error


# ---------------------------------------------------------------- HTML

# Elements of trafilatura's output tree that are paragraphs or hold paragraphs.
_HTML_BLOCKS = frozenset({"p", "head", "item", "row", "quote", "code", "list", "table", "div"})
_HTML_SPACE = re.compile(r"\s+")


def _load_html(raw: str, origin: str, overrides: Overrides) -> list[Article]:
    # Loaded here, not at import: a command that reads no HTML starts without it.
    import trafilatura
    from trafilatura.settings import Document

    try:
        document = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            # Only markup and URL dates: a date mentioned in the story is not its publication date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # a third-party parser on arbitrary input: report, don't crash a batch
        raise IngestError(f"HTML extraction failed ({type(error).__name__}: {error})") from error
    if not isinstance(document, Document):  # None when nothing could be extracted
        raise EmptyArticle("no article text found in the HTML")
    title = _clean_line(document.title)
    paragraphs = _html_paragraphs(document.body) if document.body is not None else []
    if not paragraphs:
        paragraphs = [document.text or ""]
    # trafilatura keeps the page's <h1> in the body; the title is stored apart.
    if title and _clean_line(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]
    article = _build_article(
        origin,
        overrides,
        text="\n\n".join(paragraphs),
        title=title,
        url=document.url,
        source=document.sitename,
        published=document.date,
    )
    return [article]


def _html_paragraphs(element: etree._Element) -> list[str]:
    """The text of each leaf block in trafilatura's output tree, one string per paragraph."""
    paragraphs: list[str] = []

    def add(text: str | None) -> None:
        if text and text.strip():
            paragraphs.append(text.strip())

    add(element.text)
    for child in element:
        if any(grandchild.tag in _HTML_BLOCKS for grandchild in child):
            paragraphs.extend(_html_paragraphs(child))
        elif child.tag != "graphic":
            add(_html_block_text(child))
        add(child.tail)
    return paragraphs


def _html_block_text(element: etree._Element) -> str:
    if element.tag == "code":  # preformatted: its spacing is content
        return "".join(element.itertext())
    if element.tag == "row":
        text = " | ".join(_html_inline_text(cell).strip() for cell in element)
    else:
        text = _html_inline_text(element)
    return "\n".join(line.strip() for line in text.split("\n"))


def _html_inline_text(element: etree._Element) -> str:
    # Source line breaks inside HTML text are just spaces; only <br> (trafilatura's <lb>) breaks.
    parts = [_HTML_SPACE.sub(" ", element.text or "")]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _html_inline_text(child))
        parts.append(_HTML_SPACE.sub(" ", child.tail or ""))
    return "".join(parts)


# ---------------------------------------------------------------- RSS and Atom


def _load_feed(raw: str, origin: str, overrides: Overrides) -> list[Article]:
    # Imported here because feeds builds its articles with this module's helpers.
    from newsgraph.ingest.feeds import parse_feed

    # A file is read as it is: no fetching of the pages that summary-only entries link to.
    articles = [entry.article for entry in parse_feed(raw, origin, overrides=overrides)]
    if not articles:
        raise EmptyArticle("no feed entries with text")
    return articles


# ---------------------------------------------------------------- dates

_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATEPARSER_SETTINGS: dict[str, object] = {
    "PREFER_DAY_OF_MONTH": "first",
    # No relative parser: "yesterday" or "3 days ago" has no fixed meaning in a stored file.
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["year", "month"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _parse_free_date(text: str) -> date | None:
    # dateparser reads "August 23" as August 2023; without a four-digit year the date is a guess.
    if not _FOUR_DIGIT_YEAR.search(text):
        return None
    import dateparser  # loaded on first use: it is slow to import

    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


_Loader = Callable[[str, str, Overrides], list[Article]]
_RecordLoader = Callable[[str, str, Overrides], tuple[list[Article], list[_RecordFailure]]]
_LOADERS: dict[str, _Loader] = {
    ".txt": _load_txt,
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".html": _load_html,
    ".htm": _load_html,
    ".rss": _load_feed,
    ".atom": _load_feed,
    ".xml": _load_feed,
}
# Files of many records, where one bad record costs only itself.
_RECORD_LOADERS: dict[str, _RecordLoader] = {".json": _load_json, ".jsonl": _load_jsonl}
