"""A sentinel string walked through the whole explainer over real HTTP, to prove answers leave no trace.

The marker goes wherever a person or their browser can put something: an extra form field, a
bogus answer, headers that servers like to log. Afterwards it must be in no URL, no log line
(gunicorn's stdout and stderr), no response header but the encrypted cookie, and no file written
anywhere in the project, /tmp or /dev/shm. The real answers given must not be in the logs or URLs.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from pathlib import Path

from app.eligibility import load_flow
from bench import servers
from bench.client import Client, options_on, question_id_from, walk_explainer

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", ".git", "__pycache__"}


def files_written_since(start: float, folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        for directory, subfolders, files in os.walk(folder):
            subfolders[:] = [name for name in subfolders if name not in SKIP]
            for name in files:
                path = Path(directory) / name
                try:
                    if path.is_file() and path.stat().st_mtime >= start:
                        found.append(path)
                except OSError:
                    continue  # gone already: another test's file
    return found


def test_answers_leave_no_trace_in_urls_logs_headers_or_files(tmp_path):
    marker = f"SENTINEL-{uuid.uuid4().hex}"
    started = time.time() - 1
    sneaky = {"User-Agent": marker, "Referer": f"http://127.0.0.1/{marker}", "X-Answer": marker,
              "Accept-Language": f"{marker};q=0.9"}
    with servers.gunicorn(tmp_path / "gunicorn.log") as server:
        client = Client(server.port)
        first = question_id_from(client.get("/check").body)
        # A bogus answer is refused (400) and the walk goes on.
        assert client.post(f"/check/{first}", {first: marker}, headers=sneaky).status == 400
        walk = walk_explainer(client, extra_form={"notes": marker, marker: "1"}, headers=sneaky)
        assert walk[-1][0] == "/check/result"
        assert client.post("/check/clear", {"notes": marker}, headers=sneaky).status == 303
    log = (tmp_path / "gunicorn.log").read_text()

    # The log holds the walk, but not which questions were asked, the pages' sizes or timings, or who.
    explainer_lines = [line for line in log.splitlines() if "/check" in line]
    assert len(explainer_lines) >= len(walk)
    assert all(re.fullmatch(r'- "(GET|POST) /check/\*" \d{3} - -', line) for line in explainer_lines), explainer_lines
    assert marker not in log
    assert all(marker not in url for url in client.sent_urls)
    for reply in client.replies:
        for name, value in reply.headers:
            assert marker not in value, name  # the cookie too: it is encrypted
    cookies = [value for reply in client.replies for name, value in reply.headers if name.lower() == "set-cookie"]
    assert len(cookies) > 5 and all("dp_answers=" in cookie for cookie in cookies)

    given = {value for path, reply in walk if path.endswith(tuple(f"/{q}" for q in load_flow().questions))
             for value in options_on(reply.body, path.rsplit("/", 1)[1])[:1]}
    question_ids = " ".join(load_flow().questions)
    distinctive = {value for value in given if value not in question_ids and len(value) >= 4}
    assert len(distinctive) >= 3, given
    for value in distinctive:
        assert value not in log, value
        assert all(value not in url for url in client.sent_urls), value

    written = files_written_since(started, [ROOT, Path("/tmp"), Path("/dev/shm")])
    leaks = [path for path in written if contains(path, marker.encode())]
    assert leaks == []
    assert len(written) > 0  # the scan sees files written during the walk (gunicorn's log at least)


def contains(path: Path, marker: bytes) -> bool:
    try:
        return marker in path.read_bytes()
    except OSError:
        return False  # removed meanwhile, or not a regular file
