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


def worst_cases(vocabulary: list[str]) -> list[tuple[str, str]]:
    """Queries built to be expensive: many unknown words (spelling suggestions), long words, words with many
    prefix matches, every synonym at once, and the longest query allowed, in each language."""
    rng = random.Random(12)
    unknown = " ".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8)) for _ in range(12))
    near_misses = " ".join(w[:-1] + "q" for w in rng.sample([w for w in vocabulary if len(w) > 5], 10))
    common = " ".join(rng.sample(vocabulary, 10))
    synonyms = "contribution clawback surplus underspend appeal reassessment daycare respite capacity dementia"
    cases = [unknown, near_misses, common, synonyms, "a" * 100, "care " * 20, "gym " * 25, "x" * 99 + " y"]
    polish = "siłownia opiekunka wakacjach rodzinie pieniędzy płatności samorząd asystent pomoc dopłata"
    urdu = "کیا میں اپنی بیٹی کو دیکھ بھال کے لیے پیسے دے سکتا ہوں صفائی شکایت"
    return [(q, "en") for q in cases] + [(q, "pl") for q in cases + [polish]] + [(q, "ur") for q in cases + [urdu]]


def cpu_ms(run: Callable[[], object], repeat: int = 20) -> float:
    """CPU time of one call, in milliseconds: the median of ``repeat`` calls (one client's real cost)."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


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
    normal = [cpu_ms(lambda q=q: index.search(q, "en")) for q in items[:200]]
    worst = worst_cases(vocabulary)
    search_worst = max((cpu_ms(lambda q=q, lang=lang: index.search(q, lang)), q, lang) for q, lang in worst)
    lookup_worst = max((cpu_ms(lambda q=q, lang=lang: guide.lookup(q, lang)), q, lang) for q, lang in worst)
    request_worst = max(
        (cpu_ms(lambda q=q, lang=lang: client.get(("" if lang == "en" else f"/{lang}") + "/search",
                                                   query_string={"q": q}), 5), q, lang)
        for q, lang in worst
    )
    print("CPU milliseconds per request (budget: the worst case <= 10 ms):")
    print(f"  search engine, normal queries: median {statistics.median(normal):.2f}, worst {max(normal):.2f}")
    print(f"  search engine, worst case:     {search_worst[0]:.2f}  ({search_worst[2]}: {search_worst[1][:40]!r}…)")
    print(f"  lookup engine, worst case:     {lookup_worst[0]:.2f}  ({lookup_worst[2]}: {lookup_worst[1][:40]!r}…)")
    print(f"  GET /search?q=, worst case:    {request_worst[0]:.2f}  (Flask and the template included)")
    for name, table in [("phrase table (tests)", PHRASES), ("second set (not tuned)", SECOND_SET)]:
        total, found, first = hit_rate(guide, table)
        print(
            f"lookup hit rate, {name}: {found}/{total} found ({found / total:.0%}), "
            f"{first}/{total} ranked first ({first / total:.0%})"
        )


if __name__ == "__main__":
    main()
