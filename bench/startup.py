"""Start-up with the whole content (every page, use, Easy Read page and explainer string in three languages).

Measured: gunicorn started to its first answer (``/healthz``), with the production settings, twice over:

- **warm**: from the start-up snapshot the image build makes (``flask --app app.cli content snapshot``; see
  ``app/snapshot.py``): every start of a deployed image, and every restart after the first;
- **cold**: with an empty snapshot folder, so the content is read, checked, rendered and indexed,
  then kept: the first start of new code or content where no build made the snapshot.

    .venv/bin/python -m bench.startup [--runs 5] [--workers 4] [--content DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import servers

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def starts(folder: Path, env: dict[str, str], runs: int, workers: int, label: str) -> list[float]:
    times = []
    for run in range(runs):
        with servers.gunicorn(folder / f"gunicorn-{label}-{run}.log", workers=workers, env=env) as server:
            times.append(server.startup_seconds)
    return times


def line(label: str, times: list[float]) -> str:
    verdict = "within" if statistics.median(times) <= TARGET_SECONDS else "OVER"
    return (f"  {label}: median {statistics.median(times):.2f} s, best {min(times):.2f} s, worst {max(times):.2f} s "
            f"({verdict} the {TARGET_SECONDS:g} s target)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dp-startup-") as temporary:
        folder = Path(temporary)
        env = servers.app_env(DP_CONTENT_DIR=str(args.content.resolve()))
        cold = []
        for run in range(args.runs):  # a new, empty snapshot folder each time
            cold += starts(folder, {**env, "DP_SNAPSHOT_DIR": str(folder / f"cold-{run}")}, 1, args.workers, "cold")
        image = {**env, "DP_SNAPSHOT_DIR": str(folder / "image")}
        flask = [sys.executable, "-m", "flask", "--app", "app.cli", "content", "snapshot"]
        subprocess.run(flask, env=image, cwd=ROOT, check=True)  # as the image build does
        warm = starts(folder, image, args.runs, args.workers, "warm")
    print(f"start-up, gunicorn to first answer ({args.workers} workers, {args.runs} runs each, {args.content}):")
    print(line("warm, from the image's snapshot", warm))
    print(line("cold, content read, checked and indexed", cold))


if __name__ == "__main__":
    main()
