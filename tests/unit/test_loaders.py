import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from newsgraph.core.errors import EmptyArticle, IngestError, UnsupportedFormat
from newsgraph.core.records import LoadFailure
from newsgraph.core.types import Article
from newsgraph.ingest.loaders import (
    SUPPORTED_SUFFIXES,
    Overrides,
    article_id,
    iter_files,
    load_file,
    load_paths,
    parse_date,
)
from tests.helpers import CORPUS

BODY = "Nvidia said on Friday that new export rules would hit its sales in China."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def hashed(key: str) -> str:
    return "a" + hashlib.sha256(key.encode()).hexdigest()[:15]


# ---------------------------------------------------------------- iter_files


def test_iter_files_walks_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.json", ".DS_Store", ".git/config", "sub/.hidden/d.txt"]:
        write(tmp_path / "in" / name, "x")
    single = write(tmp_path / "single.txt", "x")
    missing = tmp_path / "missing.txt"

    found = list(iter_files([tmp_path / "in", single, missing]))

    assert found == [
        tmp_path / "in" / "a.md",
        tmp_path / "in" / "b.txt",
        tmp_path / "in" / "sub" / "c.json",
        single,
        missing,
    ]


# ---------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 8, 23), date(2025, 8, 23)),
        (datetime(2025, 8, 23, 22, 30, tzinfo=UTC), date(2025, 8, 23)),
        ("2025-08-23", date(2025, 8, 23)),
        (" 2025-08-23T10:00:00Z ", date(2025, 8, 23)),
        ("2025-08-23T10:00:00+02:00", date(2025, 8, 23)),
        ("August 23, 2025", date(2025, 8, 23)),
        ("Sat, 23 Aug 2025 10:00:00 GMT", date(2025, 8, 23)),
        ("Aug 2025", date(2025, 8, 1)),  # PREFER_DAY_OF_MONTH first
        ("August 23", None),  # no year: not guessed
        ("yesterday", None),  # relative: no base to count from
        ("not a date", None),
        ("", None),
        (None, None),
        (2025, None),
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


# ---------------------------------------------------------------- article_id


@pytest.mark.parametrize(
    "spelling",
    [
        "https://example.com/news/chips",
        "HTTPS://Example.COM/news/chips/",
        "https://example.com/news/chips#comments",
        "https://example.com/news/chips?utm_source=rss&utm_medium=feed",
        "  https://example.com/news/chips  ",
    ],
)
def test_article_id_normalises_the_url(spelling: str) -> None:
    assert article_id(spelling, "ignored", "ignored") == hashed("https://example.com/news/chips")


def test_article_id_keeps_meaningful_query_and_path_case() -> None:
    assert article_id("https://example.com/A?id=7&utm_campaign=x", None, "t") == hashed(
        "https://example.com/A?id=7"
    )


@pytest.mark.parametrize(
    ("url", "title", "text", "key"),
    [
        (None, "Chip curbs", BODY, f"Chip curbs\n{BODY}"),
        ("", None, BODY, f"\n{BODY}"),
        ("   ", "T", "body", "T\nbody"),
    ],
)
def test_article_id_without_url_hashes_title_and_text(
    url: str | None, title: str | None, text: str, key: str
) -> None:
    assert article_id(url, title, text) == hashed(key)


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        (f"Chip curbs tighten\n\n{BODY}\n", "Chip curbs tighten", BODY),
        (f"\n\n  Chip curbs tighten  \n{BODY}", "Chip curbs tighten", BODY),
        (f"{BODY}\nSecond line.", None, f"{BODY}\nSecond line."),  # ends with a period
        ("Shares fell: analysts react\nBody.", "Shares fell: analysts react", "Body."),
        ("What now?\nBody.", None, "What now?\nBody."),
        ("Markets wait:\nBody.", None, "Markets wait:\nBody."),
        ("He said “no.”\nBody.", None, "He said “no.”\nBody."),
        ("x" * 151 + "\nBody.", None, "x" * 151 + "\nBody."),
        ("Only one short line", None, "Only one short line"),
    ],
)
def test_txt_title_rule(tmp_path: Path, content: str, title: str | None, text: str) -> None:
    path = write(tmp_path / "story.txt", content)
    assert load_file(path) == [
        Article(id=article_id(None, title, text), text=text, title=title, origin=str(path))
    ]


def test_text_is_normalised_but_curly_quotes_kept(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301"  # "Café" as e + combining accent
    content = f"Title\r\n\r\n{decomposed} said “it’s fine”.   \r\n\r\n\r\n\r\nNext\t \r\nEnd.  \n\n"
    path = write(tmp_path / "story.txt", content)

    [article] = load_file(path)

    assert article.text == "Caf\u00e9 said “it’s fine”.\n\nNext\nEnd."
    assert article.title == "Title"


def test_txt_with_bom_and_uppercase_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "STORY.TXT", "\ufeffHeadline\nBody.".encode())
    assert load_file(path) == [
        Article(id=article_id(None, "Headline", "Body."), text="Body.", title="Headline", origin=str(path))
    ]


# ---------------------------------------------------------------- Markdown


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.md",
        "---\n"
        "title: Chip curbs tighten\n"
        "source: Example News\n"
        "published: 2025-08-23\n"
        "url: https://example.com/chips\n"
        "---\n"
        "# Chip curbs tighten\n\n"
        "Nvidia’s **sales** in _China_ may fall, says [Reuters](https://reuters.com).\n\n"
        "## Reaction\n\n"
        "> Shares fell *3%* in `after-hours` trading.\n\n"
        "- one_two stays\n"
        "* 5 * 3 stays\n\n"
        "---\n\n"
        "![chart](chart.png)\n"
        "End.\n",
    )
    text = (
        "Nvidia’s sales in China may fall, says Reuters.\n\n"
        "Reaction\n\n"
        "Shares fell 3% in after-hours trading.\n\n"
        "one_two stays\n"
        "5 * 3 stays\n\n"
        "End."
    )
    assert load_file(path) == [
        Article(
            id=article_id("https://example.com/chips", None, ""),
            text=text,
            title="Chip curbs tighten",
            url="https://example.com/chips",
            source="Example News",
            published=date(2025, 8, 23),
            origin=str(path),
        )
    ]


@pytest.mark.parametrize(
    ("content", "title", "text", "published"),
    [
        ("# Chip *curbs*\n\nBody.", "Chip curbs", "Body.", None),
        ("---\ndate: August 23, 2025\n---\n# Heading\nBody.", "Heading", "Body.", date(2025, 8, 23)),
        ("---\ntitle: Own\n---\n# Other heading\nBody.", "Own", "Other heading\nBody.", None),
        ("---\n---\nJust a body.", None, "Just a body.", None),
        ("Intro line.\n\n# Late heading\nBody.", None, "Intro line.\n\nLate heading\nBody.", None),
    ],
)
def test_markdown_title(
    tmp_path: Path, content: str, title: str | None, text: str, published: date | None
) -> None:
    path = write(tmp_path / "story.markdown", content)
    assert load_file(path) == [
        Article(
            id=article_id(None, title, text),
            text=text,
            title=title,
            published=published,
            origin=str(path),
        )
    ]


def _odd_id(stem: str, given: str) -> str:
    """The id an explicit id with characters an id may not hold becomes: a stem and a hash."""
    return f"{stem}-{hashlib.sha256(given.encode()).hexdigest()[:16]}"


def test_markdown_front_matter_id_is_sanitised(tmp_path: Path) -> None:
    path = write(tmp_path / "story.md", "---\nid: reuters/2025 08 23\n---\nBody.")
    expected = _odd_id("reuters-2025-08-23", "reuters/2025 08 23")
    assert [article.id for article in load_file(path)] == [expected]


# ---------------------------------------------------------------- JSON and JSON Lines


def test_json_object_with_all_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.json",
        '{"id": "rtr:123/x", "url": "https://example.com/a", "title": " Chip  curbs ",'
        ' "source": "Reuters", "published": "2025-08-23T10:00:00Z", "text": "Body\\r\\ntext."}',
    )
    assert load_file(path) == [
        Article(
            id=_odd_id("rtr-123-x", "rtr:123/x"),
            text="Body\ntext.",
            title="Chip curbs",
            url="https://example.com/a",
            source="Reuters",
            published=date(2025, 8, 23),
            origin=str(path),
        )
    ]


def test_json_list_with_alias_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.json",
        '[{"title": "One", "body": "First.", "date": "2025-08-23"}, {"content": "Second.", "id": 42}]',
    )
    assert load_file(path) == [
        Article(
            id=article_id(None, "One", "First."),
            text="First.",
            title="One",
            published=date(2025, 8, 23),
            origin=str(path),
        ),
        Article(id="42", text="Second.", origin=str(path)),
    ]


def test_explicit_ids_are_never_cut_so_never_merged(tmp_path: Path) -> None:
    long = "x" * 100
    path = write(tmp_path / "story.json", json.dumps({"id": long, "text": "Body."}))
    assert [article.id for article in load_file(path)] == [long]
    # Ids, or urls used as ids, that differ only after character 64 stay two articles.
    base = "https://news.example.com/2025/08/23/" + "a-very-long-slug-" * 4
    records = [{"id": base + "part-one", "text": "One."}, {"id": base + "part-two", "text": "Two."}]
    path = write(tmp_path / "two.json", json.dumps(records))
    first, second = (article.id for article in load_file(path))
    assert first != second and len(first) <= 128 and len(second) <= 128
    assert first == _odd_id("https-news.example.com-2025-08-23-a-very-long-sl", base + "part-one")


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        '{"title": "One", "text": "First."}\n'
        "\n"
        "not json\n"
        "[1, 2]\n"
        '{"title": "No text"}\n'
        '{"text": "Second.", "url": "https://example.com/2"}\n',
    )
    expected_articles = [
        Article(id=article_id(None, "One", "First."), text="First.", title="One", origin=f"{path}:1"),
        Article(
            id=article_id("https://example.com/2", None, ""),
            text="Second.",
            url="https://example.com/2",
            origin=f"{path}:6",
        ),
    ]

    assert load_paths([path]) == (
        expected_articles,
        [
            LoadFailure(f"{path}:3", "invalid JSON at column 1: Expecting value"),
            LoadFailure(f"{path}:4", "expected a JSON object, found array"),
            LoadFailure(f"{path}:5", "no text field (expected 'text', 'body' or 'content')"),
        ],
    )
    assert load_file(path) == expected_articles


def test_json_list_bad_record_fails_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.json", '[{"text": "Good."}, {"text": ""}, "oops"]')
    assert load_paths([path]) == (
        [Article(id=article_id(None, None, "Good."), text="Good.", origin=str(path))],
        [
            LoadFailure(f"{path}[1]", "no article text"),
            LoadFailure(f"{path}[2]", "expected a JSON object, found string"),
        ],
    )


def test_jsonl_where_no_line_loads_raises(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", '{"title": "x"}\nnope\n')
    with pytest.raises(EmptyArticle) as caught:
        load_file(path)
    assert str(caught.value) == (
        f"{path}:1: no text field (expected 'text', 'body' or 'content') (and 1 more bad records)"
    )


# ---------------------------------------------------------------- HTML

ARTICLE_HTML = """<!doctype html>
<html><head><title>Chip curbs tighten | Example News</title>
<meta charset="utf-8">
<link rel="canonical" href="https://example.com/news/chips">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-08-23T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Chip curbs tighten</h1>
<p>Nvidia said on Friday that new export rules would hit its sales in China,
which accounted for a large share of its revenue last year.</p>
<p>The company’s shares fell 3% in late trading<br>after the announcement,
analysts at several banks said in notes to clients on Saturday, August 1, 2024.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""


def test_html_article(tmp_path: Path) -> None:
    path = write(tmp_path / "story.html", ARTICLE_HTML)
    text = (
        "Nvidia said on Friday that new export rules would hit its sales in China, "
        "which accounted for a large share of its revenue last year.\n\n"
        "The company’s shares fell 3% in late trading\nafter the announcement, "
        "analysts at several banks said in notes to clients on Saturday, August 1, 2024."
    )
    assert load_file(path) == [
        Article(
            id=article_id("https://example.com/news/chips", None, ""),
            text=text,
            title="Chip curbs tighten",
            url="https://example.com/news/chips",
            source="Example News",
            published=date(2025, 8, 23),
            origin=str(path),
        )
    ]


def test_html_blocks_become_paragraphs(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Export rules</title></head><body><article><h1>Export rules</h1>"
        "<p>The Commerce Department published the new export rules on Friday, covering chips.</p>"
        "<h2>What changes</h2>"
        "<ul><li>Licences are needed for H20 sales.</li><li>Tools face new limits.</li></ul>"
        "<blockquote><p>“We will comply,” the company said in a statement.</p></blockquote>"
        "<table><tr><td>Nvidia</td><td>-3%</td></tr><tr><td>AMD</td><td>-2%</td></tr></table>"
        "<p>Analysts expect further measures before the end of the year, people familiar said.</p>"
        "</article></body></html>"
    )
    path = write(tmp_path / "rules.html", html)
    text = (
        "The Commerce Department published the new export rules on Friday, covering chips.\n\n"
        "What changes\n\n"
        "Licences are needed for H20 sales.\n\n"
        "Tools face new limits.\n\n"
        "“We will comply,” the company said in a statement.\n\n"
        "Nvidia | -3%\n\n"
        "AMD | -2%\n\n"
        "Analysts expect further measures before the end of the year, people familiar said."
    )
    assert load_file(path) == [
        Article(id=article_id(None, "Export rules", text), text=text, title="Export rules", origin=str(path))
    ]


def test_html_without_a_date_does_not_take_one_from_the_story(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace('<meta property="article:published_time" content="2025-08-23T10:00:00Z">', "")
    [article] = load_file(write(tmp_path / "story.htm", html))
    assert article.published is None


# ---------------------------------------------------------------- overrides


@pytest.mark.parametrize(
    ("overrides", "source", "published"),
    [
        (Overrides(), "Reuters", date(2025, 8, 23)),
        (Overrides(source="AP"), "AP", date(2025, 8, 23)),
        (Overrides(published=date(2024, 1, 2)), "Reuters", date(2024, 1, 2)),
        (Overrides(date(2024, 1, 2), "AP"), "AP", date(2024, 1, 2)),
    ],
)
def test_overrides_win_over_the_file(
    tmp_path: Path, overrides: Overrides, source: str, published: date
) -> None:
    md = write(tmp_path / "a.md", "---\nsource: Reuters\npublished: 2025-08-23\n---\nBody.")
    txt = write(tmp_path / "b.txt", "Body.")
    articles, failures = load_paths([md, txt], overrides)
    assert failures == []
    assert [(a.source, a.published) for a in articles] == [
        (source, published),
        (overrides.source, overrides.published),
    ]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        (
            "paper.pdf",
            b"%PDF-1.7",
            UnsupportedFormat,
            "unsupported file type '.pdf' "
            "(supported: .atom, .htm, .html, .json, .jsonl, .markdown, .md, .rss, .txt, .xml)",
        ),
        (
            "README",
            b"text",
            UnsupportedFormat,
            "unsupported file type (none) "
            "(supported: .atom, .htm, .html, .json, .jsonl, .markdown, .md, .rss, .txt, .xml)",
        ),
        ("empty.txt", b"", EmptyArticle, "empty file"),
        ("blank.md", b" \n\n\t\n", EmptyArticle, "empty file"),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            UnsupportedFormat,
            "binary content, not text (NUL byte at offset 8)",
        ),
        (
            "latin1.txt",
            "Title\nCaf\u00e9".encode("latin-1"),
            UnsupportedFormat,
            "not UTF-8 text (invalid byte 0xe9 at offset 9)",
        ),
        (
            "bad.json",
            b'{\n  "text": "x",\n}',
            IngestError,
            "invalid JSON at line 3 column 1: Expecting property name enclosed in double quotes",
        ),
        ("number.json", b"42", UnsupportedFormat, "expected a JSON object, found number"),
        (
            "notext.json",
            b'{"title": "T"}',
            EmptyArticle,
            "no text field (expected 'text', 'body' or 'content')",
        ),
        ("wrongtype.json", b'{"text": ["a"]}', IngestError, "field 'text' must be a string, not list"),
        ("emptylist.json", b"[]", EmptyArticle, "empty JSON array: no records"),
        ("blanktext.json", b'{"text": "  \\n "}', EmptyArticle, "no article text"),
        ("onlyblank.jsonl", b"\n  \n\n", EmptyArticle, "empty file"),
        (
            "huge.txt",
            b"Title\n" + b"word " * 200_001,
            IngestError,
            "article text is 1,000,004 characters; the limit is 1,000,000",
        ),
        (
            "yaml.md",
            b"---\ntitle: [unclosed\n---\nBody.",
            IngestError,
            "invalid YAML front matter: expected ',' or ']', but got '<stream end>' at line 2",
        ),
        ("list.md", b"---\n- a\n---\nBody.", IngestError, "front matter must be a YAML mapping, not list"),
        (
            "open.md",
            b"---\ntitle: T\nBody.",
            IngestError,
            "front matter opened with '---' on line 1 is never closed",
        ),
        ("heading.md", b"# Only a heading\n", EmptyArticle, "no article text"),
        (
            "nothing.html",
            b"<html><body><script>var x = 1;</script></body></html>",
            EmptyArticle,
            "no article text found in the HTML",
        ),
    ],
)
def test_load_file_errors_name_the_file(
    tmp_path: Path, name: str, content: bytes, error: type[IngestError], message: str
) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(error) as caught:
        load_file(path)
    assert type(caught.value) is error
    assert str(caught.value) == f"{path}: {message}"
    assert load_paths([path]) == ([], [LoadFailure(str(path), message)])


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.txt", "file not found"), ("folder.txt", "is a directory, not a file")],
)
def test_load_file_path_errors(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "folder.txt").mkdir()
    path = tmp_path / name
    with pytest.raises(IngestError) as caught:
        load_file(path)
    assert type(caught.value) is IngestError
    assert str(caught.value) == f"{path}: {message}"


def test_load_paths_keeps_going_past_bad_files(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Good.")
    write(tmp_path / "b.pdf", b"%PDF")
    write(tmp_path / "c.json", b"{")
    write(tmp_path / "d.md", "Also good.")
    missing = tmp_path / "gone.txt"

    articles, failures = load_paths([tmp_path, missing])

    assert [a.text for a in articles] == ["Good.", "Also good."]
    assert [f.origin for f in failures] == [
        str(tmp_path / "b.pdf"),
        str(tmp_path / "c.json"),
        str(missing),
    ]
    assert failures[2].message == "file not found"


def test_supported_suffixes() -> None:
    assert (
        frozenset({".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm", ".rss", ".atom", ".xml"})
        == SUPPORTED_SUFFIXES
    )


def test_newsgraphignore_keeps_annotations_out_of_a_folder_ingest(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "labels.jsonl").write_text('{"file": "a.txt"}\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.md").write_text("draft", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nBody.", encoding="utf-8")
    (tmp_path / ".newsgraphignore").write_text("# annotations\ngold/\ndrafts/*.md\n", encoding="utf-8")
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt"]


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        ("story.txt", "SEOUL, March 4, 2025 — Samsung said it would build a plant.", date(2025, 3, 4)),
        ("story.txt", "TAIPEI, 4 March 2025 (Wire) - TSMC said sales rose.", date(2025, 3, 4)),
        ("2024-10-17-tsmc.txt", "TSMC said on Thursday its profit rose.", date(2024, 10, 17)),
        ("2024-10-17-tsmc.txt", "SEOUL, March 4, 2025 — the dateline wins.", date(2025, 3, 4)),
        ("story.txt", "WASHINGTON - No date in this dateline.", None),
        ("20241017.txt", "A name that is no ISO date.", None),
    ],
)
def test_publication_date_from_dateline_or_file_name(
    tmp_path: Path, name: str, body: str, expected: date | None
) -> None:
    path = tmp_path / name
    path.write_text(f"A headline for the story\n\n{body}\n", encoding="utf-8")
    assert load_file(path)[0].published == expected


def test_the_corpus_folder_loads_without_a_failure() -> None:
    """`make run` ingests corpus/: its annotations and questions are kept out by .newsgraphignore."""
    articles, failures = load_paths([CORPUS])
    assert not failures, failures[:3]
    assert len(articles) >= 79
