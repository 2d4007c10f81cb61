"""The HTTP API on a real uvicorn server: articles in and out, questions, entities, one writer."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers import ANSWER_KEYS, EXPORTS, MEMORY
from tests.helpers.server import AUTH, NEWSGRAPH, Server, serve, wait_for


def _record(article_id: str, title: str, text: str, published: str, source: str = "Test Wire") -> dict:
    return {
        "id": article_id,
        "title": title,
        "text": text,
        "url": f"https://example.test/{article_id}",
        "source": source,
        "published": published,
    }


MEMORY_JSON = _record(MEMORY.id, MEMORY.title or "", MEMORY.text, "2025-03-14")
EXPORTS_JSON = _record(EXPORTS.id, EXPORTS.title or "", EXPORTS.text, "2025-04-02", source="Policy Daily")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the module, holding the two test articles."""
    with serve(tmp_path_factory.mktemp("api") / "store") as running:
        response = httpx.post(
            f"{running.url}/articles", json=[MEMORY_JSON, EXPORTS_JSON], headers=AUTH, timeout=300
        )
        assert response.status_code == 201, response.text
        yield running


@pytest.fixture
def http(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=300, headers=AUTH) as client:
        yield client


def test_health_and_stats(http: httpx.Client) -> None:
    health = http.get("/health").json()
    assert health["status"] == "ok" and health["articles"] >= 2
    stats = http.get("/stats").json()
    assert stats["articles"] >= 2 and stats["triples"] > 100
    assert stats["search"]["consistent"] is True


def test_post_json_answers_with_the_extraction_summary(http: httpx.Client) -> None:
    record = _record(
        "api-json",
        "Tokyo Electron lifts forecast",
        "Tokyo Electron raised its annual forecast on Thursday as chipmakers in Taiwan bought more "
        "etching tools. The company expects revenue of 2.4 trillion yen.",
        "2025-05-08",
    )
    response = http.post("/articles", json=record)
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "done" and body["article_ids"] == ["api-json"]
    assert body["articles"] == 1 and body["sentences"] >= 3 and body["entities"] >= 2
    # Posting it again replaces it: the triple count does not change.
    before = http.get("/stats").json()["triples"]
    assert http.post("/articles", json=record).status_code == 201
    assert http.get("/stats").json()["triples"] == before


def test_post_raw_text_and_uploaded_file(http: httpx.Client, tmp_path: Path) -> None:
    text = "Kioxia plans to list its shares in Tokyo, the memory maker said on Friday."
    raw = http.post(
        "/articles",
        content=text.encode(),
        headers={"content-type": "text/plain"},
        params={"title": "Kioxia plans listing", "source": "Raw Wire", "published": "2025-06-06"},
    )
    assert raw.status_code == 201, raw.text
    [raw_id] = raw.json()["article_ids"]
    stored = http.get(f"/articles/{raw_id}").json()
    assert stored["title"] == "Kioxia plans listing"
    assert stored["source"] == "Raw Wire" and stored["published"] == "2025-06-06"
    assert any("Kioxia" in s["text"] for s in stored["sentences"])

    markdown = "---\ntitle: Rapidus starts pilot line\nsource: Upload Wire\npublished: 2025-04-01\n---\n"
    markdown += "Rapidus started a pilot line in Hokkaido to make 2-nanometre chips, the company said.\n"
    upload = http.post("/articles", files={"file": ("rapidus.md", markdown.encode(), "text/markdown")})
    assert upload.status_code == 201, upload.text
    [upload_id] = upload.json()["article_ids"]
    assert http.get(f"/articles/{upload_id}").json()["source"] == "Upload Wire"


@pytest.mark.parametrize(
    ("content", "content_type", "status", "words"),
    [
        (b'{"title": "no text"}', "application/json", 422, "text"),
        (b"[]", "application/json", 422, "no articles"),
        (b"{not json", "application/json", 422, "JSON"),
        (b"\x00\x01\x02", "application/octet-stream", 415, "cannot ingest"),
        (b"   ", "text/plain", 422, "empty"),
        (b"Title\n" + b"word " * 200_001, "text/plain", 422, "the limit is 1,000,000"),
        (b'{"text": "' + b"word " * 200_001 + b'"}', "application/json", 422, "1000000"),
    ],
)
def test_bad_articles_get_a_clear_4xx_and_change_nothing(
    http: httpx.Client, content: bytes, content_type: str, status: int, words: str
) -> None:
    before = http.get("/stats").json()
    response = http.post("/articles", content=content, headers={"content-type": content_type})
    assert response.status_code == status
    assert words.lower() in response.json()["detail"].lower()
    assert http.get("/stats").json()["triples"] == before["triples"]


def test_articles_are_listed_paged_and_filtered(http: httpx.Client) -> None:
    everything = http.get("/articles", params={"limit": 500}).json()
    assert everything["total"] == len(everything["articles"]) >= 2
    dates = [a["published"] for a in everything["articles"] if a["published"]]
    assert dates == sorted(dates, reverse=True)
    first = http.get("/articles", params={"limit": 1}).json()
    second = http.get("/articles", params={"limit": 1, "offset": 1}).json()
    assert first["articles"][0]["id"] != second["articles"][0]["id"]
    policy = http.get("/articles", params={"source": "policy daily"}).json()
    assert [a["id"] for a in policy["articles"]] == ["exports"]
    april = http.get("/articles", params={"since": "2025-04-01", "until": "2025-04-30"}).json()
    assert "exports" in [a["id"] for a in april["articles"]]
    assert "memory" not in [a["id"] for a in april["articles"]]
    assert http.get("/articles", params={"limit": 0}).status_code == 422


def test_article_detail_and_404(http: httpx.Client) -> None:
    memory = http.get("/articles/memory").json()
    assert memory["title"] == MEMORY.title
    assert memory["sentences"][0]["start"] == 0
    labels = {e["label"] for e in memory["entities"]}
    assert {"SK Hynix", "Nvidia", "Samsung Electronics"} <= labels
    missing = http.get("/articles/no-such-article")
    assert missing.status_code == 404 and "no-such-article" in missing.json()["detail"]


def test_delete_removes_the_article_everywhere(http: httpx.Client) -> None:
    record = _record(
        "api-delete",
        "Ascend orders climb",
        "Zhuque Cloud ordered 40,000 Ascend accelerators from Huawei, the cloud provider said.",
        "2025-07-01",
    )
    assert http.post("/articles", json=record).status_code == 201
    assert any(
        h["article_id"] == "api-delete" for h in http.get("/search", params={"q": "Zhuque"}).json()["hits"]
    )
    assert http.delete("/articles/api-delete").json() == {"id": "api-delete", "deleted": True}
    assert http.get("/articles/api-delete").status_code == 404
    assert all(
        h["article_id"] != "api-delete" for h in http.get("/search", params={"q": "Zhuque"}).json()["hits"]
    )
    assert http.delete("/articles/api-delete").status_code == 404


def test_ask_by_get_and_post_has_the_design_shape(http: httpx.Client) -> None:
    question = "Which company said it had sold out its HBM3E output?"
    by_get = http.get("/ask", params={"q": question}).json()
    by_post = http.post("/ask", json={"question": question}).json()
    assert by_get == by_post
    assert set(by_get) == ANSWER_KEYS
    assert by_get["answered"] is True and by_get["reason"] is None
    assert "SK Hynix" in by_get["answer"]
    assert by_get["citations"] and by_get["citations"][0]["article_id"] == "memory"
    assert http.get("/ask", params={"q": ""}).status_code == 422


def test_search_with_filters(http: httpx.Client) -> None:
    hits = http.get("/search", params={"q": "export licences", "k": 3}).json()["hits"]
    assert 0 < len(hits) <= 3 and hits[0]["article_id"] == "exports"
    only_memory = http.get("/search", params={"q": "export licences", "until": "2025-03-31"}).json()["hits"]
    assert {h["article_id"] for h in only_memory} <= {"memory"}
    assert http.get("/search", params={"q": "x", "mode": "fuzzy"}).status_code == 422


def test_entities_by_name_and_by_id(http: httpx.Client) -> None:
    found = http.get("/entities", params={"q": "hynix"}).json()["entities"]
    assert found[0]["label"] == "SK Hynix" and found[0]["type"] == "Company"
    detail = http.get(f"/entities/{found[0]['id']}").json()
    assert detail["types"] == ["Company", "Organization"]
    assert detail["wikidata"] is None or detail["wikidata"].startswith("http://www.wikidata.org/entity/Q")
    assert "memory" in [a["id"] for a in detail["articles"]]
    assert "SELECT" in detail["sparql"]
    assert http.get("/entities/company/no-such-company").status_code == 404


def test_an_article_carries_its_mentions_and_facts(http: httpx.Client) -> None:
    memory = http.get("/articles/memory").json()

    # Mentions and sentences share offsets into the article (headline first).
    def words(m: dict) -> str:  # type: ignore[type-arg]
        s = next(s for s in memory["sentences"] if s["start"] <= m["start"] and m["end"] <= s["end"])
        return str(s["text"][m["start"] - s["start"] : m["end"] - s["start"]])

    said = {words(m): m["entity_id"] for m in memory["mentions"]}
    assert said.get("SK Hynix") == "company/sk-hynix" and said.get("Nvidia") == "company/nvidia"
    sentences = [(s["start"], s["end"]) for s in memory["sentences"]]
    assert memory["facts"] and all((f["start"], f["end"]) in sentences for f in memory["facts"])
    linked = [f for f in memory["facts"] if f["object_id"]]
    assert linked and all(f["object_id"].count("/") == 1 for f in linked)


def test_an_entitys_neighbourhood_and_the_overview(http: httpx.Client) -> None:
    near = http.get("/neighbourhood/company/nvidia", params={"depth": 2, "limit": 30}).json()
    ids = {n["id"] for n in near["nodes"]}
    assert near["center"] == "company/nvidia" and "company/nvidia" in ids and len(ids) <= 30
    assert near["edges"] and all(e["source"] in ids and e["target"] in ids for e in near["edges"])
    assert all(n["articles"] >= 1 for n in near["nodes"])
    assert http.get("/neighbourhood/company/no-such-company").status_code == 404
    assert http.get("/neighbourhood/company/nvidia", params={"depth": 9}).status_code == 422
    overview = http.get("/overview").json()
    assert overview["stats"]["articles"] >= 2 and overview["newest"] and overview["jobs"]
    top = overview["top_entities"]
    assert top and top[0]["articles"] >= top[-1]["articles"]


def test_articles_and_passages_by_entity_and_headline_words(http: httpx.Client) -> None:
    naming = http.get("/articles", params={"entity": "person/orvale-kestrin"}).json()
    assert [a["id"] for a in naming["articles"]] == ["memory"] and naming["total"] == 1
    titled = http.get("/articles", params={"q": "EXPORT rules"}).json()
    assert [a["id"] for a in titled["articles"]] == ["exports"]
    hits = http.get("/search", params={"q": "chip rules", "entity": "person/orvale-kestrin"}).json()["hits"]
    assert hits and {h["article_id"] for h in hits} == {"memory"}
    bad = http.get("/articles", params={"entity": "company/x> } DROP"})
    assert bad.status_code == 400 and "\n" not in bad.json()["detail"]


def test_the_workspace_page_is_served_offline(http: httpx.Client) -> None:
    page = http.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "http://" not in page.text and "https://" not in page.text


def test_reads_do_not_wait_for_a_running_write(http: httpx.Client) -> None:
    # A slow batch goes in through the queue; while it runs, questions are answered.
    batch = [
        _record(f"bulk-{i}", f"Bulk story {i}", MEMORY.text + " " + EXPORTS.text, "2025-01-01")
        for i in range(12)
    ]
    queued = http.post("/articles", json=batch, params={"wait": "false"})
    assert queued.status_code == 202
    job_id = queued.json()["job_id"]
    answered_while_writing = []
    while http.get(f"/jobs/{job_id}").json()["state"] in ("pending", "running"):
        response = http.get("/search", params={"q": "HBM revenue"})
        state = http.get(f"/jobs/{job_id}").json()["state"]
        answered_while_writing.append(response.status_code == 200 and state in ("pending", "running"))
    assert any(answered_while_writing)
    assert http.get(f"/jobs/{job_id}").json()["result"]["articles"] == 12
    for i in range(12):
        http.delete(f"/articles/bulk-{i}")


def test_command_line_goes_through_the_running_server(server: Server, tmp_path: Path) -> None:
    story = tmp_path / "cli-story.md"
    story.write_text(
        "---\ntitle: Cerebras files again\nsource: CLI Wire\npublished: 2025-09-30\nid: cli-story\n---\n"
        "Cerebras filed again for an initial public offering in New York, the chip designer said.\n"
    )
    ingest = _cli("ingest", str(story), "--store", str(server.store))
    assert ingest.returncode == 0, ingest.stderr
    assert httpx.get(f"{server.url}/articles/cli-story").status_code == 200
    sparql = _cli(
        "sparql",
        "ASK { ?a <https://schema.org/headline> 'Cerebras files again' }",
        "--store",
        str(server.store),
    )
    assert json.loads(sparql.stdout)["boolean"] is True
    delete = _cli("delete", "cli-story", "--store", str(server.store))
    assert delete.returncode == 0
    assert httpx.get(f"{server.url}/articles/cli-story").status_code == 404
    # What cannot go through the API fails with one line naming the server.
    reindex = _cli("reindex", "--store", str(server.store))
    assert reindex.returncode == 1
    assert server.url in reindex.stderr and "Traceback" not in reindex.stderr


def test_concurrent_posts_are_each_ingested_once(http: httpx.Client) -> None:
    records = [
        _record(f"race-{i}", f"Race story {i}", f"Company number {i} bought chips from Nvidia.", "2025-02-02")
        for i in range(4)
    ]
    statuses: list[int] = []

    def post(record: dict) -> None:
        statuses.append(http.post("/articles", json=record).status_code)

    threads = [threading.Thread(target=post, args=(r,)) for r in records]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201] * 4
    listed = {a["id"] for a in http.get("/articles", params={"limit": 500}).json()["articles"]}
    assert {f"race-{i}" for i in range(4)} <= listed
    for i in range(4):
        assert http.delete(f"/articles/race-{i}").status_code == 200
    wait_for(lambda: http.get("/stats").json()["search"]["consistent"])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSGRAPH, *args], capture_output=True, text=True, timeout=300)
