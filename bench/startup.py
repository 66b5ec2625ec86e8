"""Start-up with every page, use, Easy Read page and explainer string in three languages.

The real translations arrive over time, so this measures a synthetic full translation: a copy of
``content/`` in a temporary folder where each English page, use and Easy Read page is also written
as ``.pl.md`` and ``.ur.md`` (with a draft ``translation:`` block), beside the explainer's own Polish
and Urdu wording. That is the content's final size, about three times today's. Measured: gunicorn
started to its first answer (``/healthz``), content read and checked, as in ``bench/run.py``.

    .venv/bin/python -m bench.startup [--runs 5] [--workers 4]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
from pathlib import Path

from bench import servers

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("pl", "ur")
ENGLISH_FILE = re.compile(r"^[a-z0-9-]+\.md$")


def full_translation(content: Path, into: Path) -> Path:
    """A copy of ``content`` with every English Markdown file also in Polish and Urdu (English words, draft)."""
    root = into / "content"
    shutil.copytree(content, root)
    count = 0
    for folder in (root / "pages", root / "use", root / "easy-read"):
        for english in sorted(folder.glob("*.md")):
            if not ENGLISH_FILE.match(english.name):
                continue
            text = english.read_text(encoding="utf-8")
            reviewed = re.search(r"^last_reviewed: (\S+)$", text, re.MULTILINE)[1]
            block = f"translation:\n  status: draft\n  source_reviewed: {reviewed}\n"
            translated = text.replace("---\n", "---\n" + block, 1)
            for lang in LANGUAGES:
                target = english.with_name(f"{english.stem}.{lang}.md")
                target.write_text(translated, encoding="utf-8")
                count += 1
    print(f"synthetic full translation: {count} translated files in {root}")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--as-is", action="store_true", help="the content as it is, without the synthetic translation")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dp-startup-") as folder:
        root = ROOT / "content" if args.as_is else full_translation(ROOT / "content", Path(folder))
        env = {**servers.app_env(), "DP_CONTENT_DIR": str(root)}
        times = []
        for run in range(args.runs):
            with servers.gunicorn(Path(folder) / f"gunicorn-{run}.log", workers=args.workers, env=env) as server:
                times.append(server.startup_seconds)
        what = "the content as it is" if args.as_is else "every page, use and explainer string in 3 languages"
        print(f"start-up with {what} (gunicorn to first answer, "
              f"{args.workers} workers, {args.runs} runs): median {statistics.median(times):.2f} s, "
              f"best {min(times):.2f} s, worst {max(times):.2f} s (target ≤ 1 s)")


if __name__ == "__main__":
    main()
