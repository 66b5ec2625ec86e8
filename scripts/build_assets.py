#!/usr/bin/env python3
"""Build the site's CSS: assets/scss/app.scss -> app/static/dist/app.css.

Usage:
    python3 scripts/build_assets.py           # compile and report sizes
    python3 scripts/build_assets.py --check   # fail if the committed CSS is stale

Needs Node.js and the npm dependencies (`npm ci`). The compiled CSS is
committed, so running the Flask site itself needs neither.

Exit codes: 0 ok; 1 stale/failed build, budget exceeded or forbidden
content; 2 build tools missing (node or node_modules).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
ENTRY = Path("assets/scss/app.scss")
OUTPUT = Path("app/static/dist/app.css")
SASS_JS = Path("node_modules/sass/sass.js")
GOVUK_PKG = Path("node_modules/govuk-frontend/package.json")

# Transfer-size budget for the compressed (brotli) stylesheet.
BROTLI_BUDGET = 12 * 1024

SASS_ARGS = [
    "--pkg-importer=node",
    "--style=compressed",
    "--no-source-map",
    "--no-charset",  # no BOM; Flask serves text/css with charset=utf-8
    "--no-error-css",
]


def fail(message: str, code: int = 1) -> NoReturn:
    print(f"build_assets: {message}", file=sys.stderr)
    sys.exit(code)


def check_tools() -> str:
    node = shutil.which("node")
    if node is None:
        fail("Node.js is not installed (need node >= 20 on PATH).", 2)
    if not (ROOT / SASS_JS).is_file() or not (ROOT / GOVUK_PKG).is_file():
        fail("node_modules is missing or incomplete: run `npm ci` in the project root first.", 2)
    return node


def compile_css(node: str, out: Path) -> None:
    cmd = [node, str(SASS_JS), *SASS_ARGS, str(ENTRY), str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.stderr.strip():
        # Warnings (deprecations and the like) are shown but do not fail.
        print(proc.stderr.rstrip(), file=sys.stderr)
    if proc.returncode != 0:
        fail(f"sass failed (exit {proc.returncode}).")


def validate(css: bytes) -> None:
    text = css.decode("utf-8")
    urls = re.findall(r"url\([^)]*\)", text)
    if urls:
        fail(f"compiled CSS references files we do not ship: {', '.join(sorted(set(urls)))}")
    if "@font-face" in text or "GDS Transport" in text:
        fail("compiled CSS contains web-font declarations (GDS Transport / @font-face).")


def brotli_size(data: bytes) -> int | None:
    try:
        import brotli  # type: ignore[import-not-found]

        return len(brotli.compress(data, quality=11))
    except ImportError:
        pass
    cli = shutil.which("brotli")
    if cli is None:
        return None
    proc = subprocess.run([cli, "-c", "-q", "11", "-"], input=data, capture_output=True)
    return len(proc.stdout) if proc.returncode == 0 else None


def report(css: bytes) -> int | None:
    raw = len(css)
    gz = len(gzip.compress(css, compresslevel=9, mtime=0))
    br = brotli_size(css)
    br_text = f"{br:,} B ({br / 1024:.1f} KiB)" if br is not None else "n/a (no brotli)"
    print(f"{OUTPUT}: raw {raw:,} B ({raw / 1024:.1f} KiB), "
          f"gzip {gz:,} B ({gz / 1024:.1f} KiB), brotli {br_text}; "
          f"budget {BROTLI_BUDGET // 1024} KiB brotli")
    return br


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild to a temporary file and fail if it differs from the committed CSS",
    )
    args = parser.parse_args(argv)

    node = check_tools()

    with tempfile.TemporaryDirectory(prefix="dp-assets-") as tmp:
        tmp_css = Path(tmp) / "app.css"
        compile_css(node, tmp_css)
        css = tmp_css.read_bytes()
        validate(css)

        if args.check:
            committed = ROOT / OUTPUT
            if not committed.is_file():
                fail(f"{OUTPUT} is missing: run `python3 scripts/build_assets.py` and commit it.")
            if committed.read_bytes() != css:
                fail(f"{OUTPUT} is out of date with assets/scss: "
                     "run `python3 scripts/build_assets.py` and commit the result.")
            print(f"build_assets: {OUTPUT} is up to date.")
            return 0

        out = ROOT / OUTPUT
        out.parent.mkdir(parents=True, exist_ok=True)
        # Write atomically so a running dev server never sees a half file.
        tmp_out = out.with_name(out.name + ".tmp")
        tmp_out.write_bytes(css)
        os.replace(tmp_out, out)

    br = report(css)
    if br is not None and br > BROTLI_BUDGET:
        fail(f"over budget: {br:,} B brotli > {BROTLI_BUDGET:,} B. "
             "Drop unused components or utilities from assets/scss/app.scss.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
