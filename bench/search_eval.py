"""`make search-eval`: how often the header search answers real questions, per language.

    .venv/bin/python -m bench.search_eval
    .venv/bin/python -m bench.search_eval new-questions.yaml   # a held-out round, before its words are added

Reads bench/search_questions.yaml (real questions with their sources, and Polish and Urdu
translations of some of them), or the file named (a list of English questions, or questions by
language), searches the real content for each in its language, and prints
hit@1 and hit@3 (an answering address first, or in the first three) and the mean reciprocal
rank (MRR: 1 for first, 1/2 for second, ... 0 if not in the first ten), then every miss with
what came first instead. It guides ranking and content/synonyms.yaml; it is not a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from app import create_app
from app.config import PROJECT_ROOT

QUESTIONS = PROJECT_ROOT / "bench" / "search_questions.yaml"
DEPTH = 10  # results looked at for the MRR


def rank_of(paths: list[str], answers: list[str]) -> int | None:
    """The 1-based rank of the first answering address, or None (a section counts as its page)."""
    return next((n for n, path in enumerate(paths[:DEPTH], 1) if path in answers), None)


def main(argv: list[str]) -> int:
    index = create_app({"TESTING": True}).extensions["dp_search"]
    questions = yaml.safe_load(Path(argv[0] if argv else QUESTIONS).read_text(encoding="utf-8"))
    if isinstance(questions, list):
        questions = {"en": questions}
    misses = []
    print(f"{'language':8} {'questions':>9} {'hit@1':>7} {'hit@3':>7} {'MRR':>6}")
    for lang, asked in questions.items():
        ranks = []
        for question in asked:
            paths = [hit.page_path for hit in index.search(question["q"], lang).hits]
            rank = rank_of(paths, question["answers"])
            ranks.append(rank)
            if rank is None or rank > 3:
                misses.append((lang, question["q"], rank, question["answers"], paths[:3]))
        total = len(ranks)
        hit1 = sum(r == 1 for r in ranks) / total
        hit3 = sum(r is not None and r <= 3 for r in ranks) / total
        mrr = sum(1 / r for r in ranks if r) / total
        print(f"{lang:8} {total:>9} {hit1:>7.0%} {hit3:>7.0%} {mrr:>6.2f}")
    print(f"\n{len(misses)} question(s) without an answer in the first three:")
    for lang, question, rank, answers, first in misses:
        where = f"rank {rank}" if rank else f"not in the first {DEPTH}"
        print(f"  [{lang}] {question!r}: {where}; wanted {', '.join(answers)}; got {', '.join(first) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
