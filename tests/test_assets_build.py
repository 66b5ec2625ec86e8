"""The committed stylesheet is exactly what the Sass sources build, and within its budget."""

from __future__ import annotations

import subprocess
import sys

import brotli

from app.assets import DIST
from app.config import PROJECT_ROOT


def test_committed_css_is_current():
    result = subprocess.run(
        [sys.executable, "scripts/build_assets.py", "--check"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_css_is_within_budget_and_has_no_fonts_or_images():
    css = (DIST / "app.css").read_bytes()
    assert len(brotli.compress(css, quality=11)) <= 12 * 1024
    assert b"@font-face" not in css
    assert b"url(" not in css
