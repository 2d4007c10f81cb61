"""Questions while runaway SPARQL queries run: /ask latency alone and beside four runaways.

Starts a real server on the corpus store (built once, then reused with --store), asks
the same questions twice, first with nothing else running, then while four clients keep
sending a query that runs into the SPARQL time limit, and prints both side by side in
this one run (the machine is shared, so only ratios measured together mean much). Then,
one runaway at a time, it times how soon after the runaway's 503 the next query is served
(its worker killed and replaced).

    .venv/bin/python bench/runaway.py [--store DIR] [--questions 40] [--timeout 3]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from questions import CORPUS, corpus_service  # bench/questions.py

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ask_all(url: str, questions: list[str]) -> list[float]:
    """Seconds per question, asked one after another."""
    seconds = []
    with httpx.Client(base_url=url, timeout=300) as http:
        for question in questions:
            started = time.perf_counter()
            http.get("/ask", params={"q": question}).raise_for_status()
            seconds.append(time.perf_counter() - started)
    return seconds


def keep_running_away(url: str, stop: threading.Event) -> None:
    """Send runaway queries until stopped."""
    with httpx.Client(base_url=url, timeout=300) as http:
        while not stop.is_set():
            http.get("/sparql", params={"query": RUNAWAY})


def after_deadlines(url: str, times: int) -> list[float]:
    """Seconds from a runaway's 503 to the answer of the next small query, one runaway at a time."""
    seconds = []
    with httpx.Client(base_url=url, timeout=300) as http:
        for _ in range(times):
            assert http.get("/sparql", params={"query": RUNAWAY}).status_code == 503
            started = time.monotonic()
            http.get("/sparql", params={"query": "ASK {}"}).raise_for_status()
            seconds.append(time.monotonic() - started)
            time.sleep(1.0)
    return seconds


def summary(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered) * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="corpus store to build once and reuse")
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=3.0, help="NEWSGRAPH_SPARQL_TIMEOUT for the run")
    args = parser.parse_args()
    lines = (CORPUS / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()][: args.questions]
    with tempfile.TemporaryDirectory() as folder:
        with corpus_service(args.store, Path(folder)) as service:
            store = service.settings.store
        port = free_port()
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "NEWSGRAPH_SPARQL_TIMEOUT": str(args.timeout)}
        server = subprocess.Popen(
            [NEWSGRAPH, "serve", "--store", str(store), "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            ask_all(url, questions[:3])  # load the models
            alone = ask_all(url, questions)
            stop = threading.Event()
            runaways = [threading.Thread(target=keep_running_away, args=(url, stop)) for _ in range(4)]
            for thread in runaways:
                thread.start()
            time.sleep(1.0)
            beside = ask_all(url, questions)
            stop.set()
            for thread in runaways:
                thread.join()
            slot_free = after_deadlines(url, 5)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    print(f"/ask, {len(questions)} corpus questions, SPARQL timeout {args.timeout:g} s, 2 query workers")
    print(f"  alone                     {summary(alone)}")
    print(f"  beside 4 runaway queries  {summary(beside)}")
    print(f"  ratio of medians          {statistics.median(beside) / statistics.median(alone):.2f}")
    print(
        f"  the query after a runaway's 503 was answered in {max(slot_free) * 1000:.0f} ms at most "
        f"(median {statistics.median(slot_free) * 1000:.0f} ms, {len(slot_free)} runaways)"
    )


if __name__ == "__main__":
    main()
