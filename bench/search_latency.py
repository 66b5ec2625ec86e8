"""Search and lookup speed, and the lookup's hit rate: the figures for issue 4.

    .venv/bin/python -m bench.search_latency

Runs 1,000 queries (fixed seed) against the real content: one to three words drawn from the
site's own vocabulary, the lookup phrase tables, misspellings, FTS syntax, Polish words and a
few huge or odd inputs. For each, it times the search engine alone (app/search.py), the lookup
alone (app/guide), and the whole request through Flask (/search?q= and /use?q=, with the page
rendered). Prints p50/p99 in milliseconds, then the lookup's hit rate on both phrase tables in
tests/guide/phrases.py. The machine is shared: quote `uptime`'s load with the figures.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from app import create_app
from tests.guide.phrases import PHRASES, SECOND_SET

QUERIES = 1_000
ODD = ['"', "*", "NEAR(care", "AND OR NOT", "-gym", "care home" * 200, "🙂", "ąęłśż", "اردو", "", "   ", "<script>"]
POLISH = ["płatności", "opieka", "samorząd", "asystent", "pomoc"]


def queries(vocabulary: list[str], seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    fixed = list(PHRASES) + list(SECOND_SET) + ODD + POLISH
    drawn = [" ".join(rng.sample(vocabulary, rng.randint(1, 3))) for _ in range(QUERIES - len(fixed))]
    return (fixed + drawn)[:QUERIES]


def timed(run: Callable[[str], object], items: list[str]) -> tuple[float, float]:
    times = []
    for item in items:
        started = time.perf_counter()
        run(item)
        times.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(times, n=100)
    return cuts[49], cuts[98]


def hit_rate(guide, table: dict) -> tuple[int, int, int]:
    found = first = 0
    for phrase, expected in table.items():
        wanted = (expected,) if isinstance(expected, str) else expected
        ids = [item.id for item in guide.lookup(phrase).matches]
        found += set(wanted) <= set(ids)
        first += bool(ids) and ids[0] in wanted
    return len(table), found, first


def main() -> None:
    started = time.perf_counter()
    app = create_app({"TESTING": True})
    print(f"app start-up (content, guide and search index built): {time.perf_counter() - started:.2f} s")
    index, guide = app.extensions["dp_search"], app.extensions["dp_guide"]
    vocabulary = sorted(index.vocabulary["en"])
    items = queries(vocabulary)
    client = app.test_client()
    index.search("warm up", "en")
    print(f"{len(items)} queries; milliseconds: p50 / p99")
    for name, run in [
        ("search engine (FTS5, en)", lambda q: index.search(q, "en")),
        ("search engine (FTS5, pl)", lambda q: index.search(q, "pl")),
        ("lookup engine", guide.lookup),
        ("GET /search?q= (Flask + template)", lambda q: client.get("/search", query_string={"q": q})),
        ("GET /use?q= (Flask + template)", lambda q: client.get("/use", query_string={"q": q})),
    ]:
        p50, p99 = timed(run, items)
        print(f"  {name:36} {p50:6.2f} / {p99:6.2f}")
    for name, table in [("phrase table (tests)", PHRASES), ("second set (not tuned)", SECOND_SET)]:
        total, found, first = hit_rate(guide, table)
        print(
            f"lookup hit rate, {name}: {found}/{total} found ({found / total:.0%}), "
            f"{first}/{total} ranked first ({first / total:.0%})"
        )


if __name__ == "__main__":
    main()
