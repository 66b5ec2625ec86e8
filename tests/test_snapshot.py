"""The start-up snapshot (app/snapshot.py): the same code and content start from it; any change builds again."""

from __future__ import annotations

import pytest

from app import create_app, snapshot
from app.cli import make_app
from app.content import ContentError
from tests.conftest import fixture_site

PATHS = ("/", "/paying", "/about", "/pl/about", "/glossary", "/search?q=paying", "/pl/search?q=paying")


@pytest.fixture()
def content(tmp_path):
    return fixture_site(tmp_path / "content")


def start(content, folder):
    return create_app({"CONTENT_DIR": content, "SNAPSHOT_DIR": folder, "TESTING": True})


def pages(app) -> dict[str, tuple[int, bytes]]:
    client = app.test_client()
    return {path: (r.status_code, r.data) for path in PATHS for r in [client.get(path)]}


def test_a_second_start_loads_the_snapshot_and_serves_the_same_site(content, tmp_path):
    first = start(content, tmp_path / "snapshot")
    second = start(content, tmp_path / "snapshot")
    assert (first.extensions["dp_startup"].loaded, first.extensions["dp_startup"].saved) == (False, True)
    assert second.extensions["dp_startup"].loaded
    built = pages(first)
    assert all(status == 200 for status, _ in built.values()), built
    assert pages(second) == built


def test_a_content_change_builds_again_and_shows_the_change(content, tmp_path):
    start(content, tmp_path / "snapshot")
    page = content / "pages" / "paying.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added after the snapshot.\n", encoding="utf-8")
    app = start(content, tmp_path / "snapshot")
    assert not app.extensions["dp_startup"].loaded
    assert "A sentence added after the snapshot." in app.test_client().get("/paying").get_data(as_text=True)
    assert start(content, tmp_path / "snapshot").extensions["dp_startup"].loaded  # and kept for the next start


def test_broken_content_stops_start_up_even_with_an_older_snapshot(content, tmp_path):
    start(content, tmp_path / "snapshot")
    (content / "pages" / "paying.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(ContentError):
        start(content, tmp_path / "snapshot")


def test_a_code_change_is_a_new_fingerprint(content, tmp_path, monkeypatch):
    code = tmp_path / "code"
    code.mkdir()
    (code / "render.py").write_text("VERSION = 1\n")
    monkeypatch.setattr(snapshot, "APP", code)
    before = snapshot.fingerprint(content)
    (code / "render.py").write_text("VERSION = 2\n")
    assert snapshot.fingerprint(content) != before
    after = snapshot.fingerprint(content)
    (code / "__pycache__").mkdir()  # compiled files come and go with the same code
    (code / "__pycache__" / "render.cpython-311.pyc").write_bytes(b"compiled")
    assert snapshot.fingerprint(content) == after


def test_a_snapshot_of_other_code_or_content_is_not_loaded(content, tmp_path):
    folder = tmp_path / "snapshot"
    start(content, folder)
    stored = (folder / snapshot.FILE_NAME).read_bytes()
    (folder / snapshot.FILE_NAME).write_bytes(b"0" * 64 + stored[stored.index(b"\n"):])
    app = start(content, folder)
    assert not app.extensions["dp_startup"].loaded
    assert app.extensions["dp_startup"].saved


def test_a_damaged_snapshot_is_only_a_slower_start(content, tmp_path, caplog):
    folder = tmp_path / "snapshot"
    start(content, folder)
    stored = (folder / snapshot.FILE_NAME).read_bytes()
    (folder / snapshot.FILE_NAME).write_bytes(stored[: len(stored) // 2])  # cut off, as by a full disk
    app = start(content, folder)
    assert not app.extensions["dp_startup"].loaded
    assert app.test_client().get("/paying").status_code == 200
    assert "could not be read" in caplog.text
    assert start(content, folder).extensions["dp_startup"].loaded  # written whole again


def test_a_folder_that_cannot_be_written_still_starts(content, tmp_path):
    """As in an image whose snapshot is out of date: build, serve, and keep nothing (not even as root)."""
    (tmp_path / "a-file").write_text("not a folder")
    app = start(content, tmp_path / "a-file" / "snapshot")
    assert (app.extensions["dp_startup"].loaded, app.extensions["dp_startup"].saved) == (False, False)
    assert app.test_client().get("/paying").status_code == 200


def test_the_snapshot_file_can_be_read_by_another_user(content, tmp_path):
    start(content, tmp_path / "snapshot")
    assert (tmp_path / "snapshot" / snapshot.FILE_NAME).stat().st_mode & 0o044 == 0o044


def test_no_snapshot_folder_builds_every_time(content):
    app = start(content, None)
    assert (app.extensions["dp_startup"].loaded, app.extensions["dp_startup"].saved) == (False, False)


def test_the_image_build_command_writes_the_snapshot_servers_start_from(content, tmp_path, monkeypatch):
    monkeypatch.setenv("DP_CONTENT_DIR", str(content))
    monkeypatch.setenv("DP_SNAPSHOT_DIR", str(tmp_path / "image"))
    runner = make_app().test_cli_runner()
    made = runner.invoke(args=["content", "snapshot"])
    assert made.exit_code == 0, made.output
    assert "written" in made.output
    again = runner.invoke(args=["content", "snapshot"])
    assert again.exit_code == 0 and "already up to date" in again.output
    assert start(content, tmp_path / "image").extensions["dp_startup"].loaded


def test_the_image_build_command_needs_a_folder(content, monkeypatch):
    monkeypatch.setenv("DP_CONTENT_DIR", str(content))
    monkeypatch.setenv("DP_SNAPSHOT_DIR", "")
    result = make_app().test_cli_runner().invoke(args=["content", "snapshot"])
    assert result.exit_code != 0
    assert "DP_SNAPSHOT_DIR" in result.output
