"""Faults at start-up and at run time, with the real servers (anchors-quality.md B11).

- Broken content: gunicorn and flask refuse to start and name the file and line.
- A read-only root filesystem: gunicorn runs, pages and the explainer work, nothing is written.
- A truncated translation catalog: that language falls back to English words, never a 500.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from bench import servers
from bench.client import Client, InProcess, walk_explainer
from tests.conftest import VALID_FRONT, page_text
from tests.html import one

ROOT = Path(__file__).resolve().parent.parent
BROKEN_FRONT = VALID_FRONT + "colour: red\n"  # an unknown key, on line 7 of the file


def gunicorn_command(port: int, config: Path = servers.GUNICORN_CONF) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "--config", str(config), "--bind",
            f"127.0.0.1:{port}", "--workers", "2", "app:create_app()"]


def test_gunicorn_refuses_to_start_on_broken_content_and_names_the_file(make_site):
    content = make_site({"pages/broken-page.md": page_text(BROKEN_FRONT)})
    port = servers.free_port()
    result = subprocess.run(gunicorn_command(port), cwd=ROOT, env=servers.app_env(DP_CONTENT_DIR=str(content)),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "pages/broken-page.md:7: unknown key 'colour'" in result.stdout + result.stderr
    with pytest.raises(OSError):
        Client(port).get("/healthz")  # nothing listening: never half a site


def test_flask_refuses_to_start_on_broken_content_and_names_the_file(make_site):
    content = make_site({"pages/broken-page.md": page_text(BROKEN_FRONT)})
    env = {**os.environ, "DP_CONTENT_DIR": str(content)}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "routes"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "pages/broken-page.md:7: unknown key 'colour'" in result.stderr


def read_only_root(command: list[str]) -> list[str]:
    """``command`` in a private mount namespace whose root filesystem is read-only, as with
    `docker run --read-only`: only /dev/shm (a separate tmpfs) stays writable. Not root? A user
    namespace gives the same power over one's own mount namespace."""
    quoted = " ".join(f"'{part}'" for part in command)
    as_root = [] if os.geteuid() == 0 else ["--map-root-user"]
    return ["unshare", "--mount", "--propagation", "private", *as_root, "sh", "-c",
            f"mount -o remount,bind,ro / && exec {quoted}"]


def can_make_read_only_root() -> bool:
    probe = read_only_root(["true"])
    return subprocess.run(probe, capture_output=True).returncode == 0


def read_only_copy(folder: Path) -> Path:
    """Where no mount namespace may be made (some CI runners): a copy of the site nobody may write to."""
    for name in ("app", "content", "translations", "deploy"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(["chmod", "-R", "a-w", str(folder)], check=True)
    return folder


def test_runs_on_a_read_only_root_filesystem(tmp_path):
    """Nothing can be written, so nothing is: the app must still start and serve every kind of page."""
    port = servers.free_port()
    log = tmp_path / "gunicorn.log"
    if can_make_read_only_root():
        command, cwd = read_only_root(gunicorn_command(port)), ROOT
    else:
        cwd = read_only_copy(tmp_path / "site")
        command = gunicorn_command(port, cwd / "deploy" / "gunicorn.conf.py")
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, env=servers.app_env(), stdout=out, stderr=subprocess.STDOUT)
    server = servers.Server(process, port, log)
    try:
        servers.wait_for(f"{server.url}/healthz", process, log)
        client = Client(port)
        for path in ("/", "/pl/", "/contact", "/sitemap.xml", "/no-such-page"):
            assert client.get(path).status in (200, 404), path
        stylesheet = create_app({"TESTING": True}).extensions["dp_stylesheet"].name
        assert client.get(f"/assets/{stylesheet}", headers={"Accept-Encoding": "br"}).status == 200
        replies = walk_explainer(client)
        assert replies[-1][0] == "/check/result"
        assert client.post("/check/clear", {}).status == 303
    finally:
        server.stop()
        subprocess.run(["chmod", "-R", "u+w", str(tmp_path)], check=False)  # so pytest can tidy up
    text = log.read_text()
    assert "Read-only file system" not in text and "Traceback" not in text and "[ERROR]" not in text, text[:3000]
    assert '" 500 ' not in text


def test_a_truncated_catalog_falls_back_to_english_words_without_a_500(tmp_path, caplog):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations)
    catalog = translations / "pl" / "LC_MESSAGES" / "messages.mo"
    assert catalog.exists(), "run 'make translations' first"
    catalog.write_bytes(catalog.read_bytes()[:100])  # cut short, as by a failed copy
    app = create_app({"TESTING": True, "TRANSLATIONS_DIR": translations})
    client = app.test_client()
    pages = ["/pl/", "/pl/contact", "/pl/check", "/pl/no-such-page", "/pl/check/cleared"]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        body = response.get_data(as_text=True)
        assert one(body, "html")["lang"] == "pl", path  # still the Polish page ...
        assert "Skip to main content" in body, path  # ... with English interface words
    replies = walk_explainer(InProcess(client), prefix="/pl")
    assert replies[-1][0] == "/pl/check/result"
    assert any("'pl'" in record.getMessage() and record.levelname == "ERROR" for record in caplog.records)
