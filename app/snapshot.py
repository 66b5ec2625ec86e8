"""What start-up builds from the content, kept for the next start of the same code and content.

Reading, checking and rendering every page, use, Easy Read page, glossary term and explainer
string in three languages, then indexing them for search, takes a few seconds, and gives the
same result every time the code and the content are the same. So start-up keeps what it built
(the site, the search index, the stylesheet and icon) in one file, under a fingerprint of all
that went into it: every file of the code (``app/``) and of the content folder, Python's
version and every installed library's. A start with the same fingerprint loads the file (about a
tenth of a second) instead of building; any change to the code, the content or a library
is a new fingerprint, and the site is read, checked and built again, then kept.

The image build makes the file (``flask --app app.cli content snapshot``), so a container starts from it.
Development keeps it in ``var/snapshot/``. The content check (``flask content check``) never
uses it: it reads everything, every time.

The file is a pickle, because the site is a graph of frozen dataclasses, compiled patterns and
safe-HTML strings that JSON cannot hold without a converter per type. A pickle can run code when
loaded, so it is only ever read from ``DP_SNAPSHOT_DIR``, a folder that only whoever installs the
code can write to (in the image: root, with the site running as another user). Anyone who can
write there could already change the code.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import logging
import os
import pickle
import sqlite3
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

APP = Path(__file__).resolve().parent
FILE_NAME = "site.pickle"
SKIPPED = {"__pycache__"}


def _read_only(data: dict) -> MappingProxyType:
    return MappingProxyType(data)


# The site's read-only mappings cannot be pickled as they are: they are kept as dicts and wrapped again.
copyreg.pickle(MappingProxyType, lambda proxy: (_read_only, (dict(proxy),)))


def fingerprint(content: Path) -> str:
    """A hash of everything a build reads: the code, the content, Python and the installed libraries."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\n{sqlite3.sqlite_version}\n".encode())
    libraries = Path(sysconfig.get_paths()["purelib"])  # site-packages: a .dist-info folder per package version
    digest.update("\n".join(sorted(p.name for p in libraries.glob("*.dist-info"))).encode())
    for label, folder in (("app", APP), ("content", Path(content).resolve())):
        for file in _files(folder):
            digest.update(f"\n{label}/{file.relative_to(folder).as_posix()}\n".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in SKIPPED)
        found += [Path(parent) / name for name in sorted(files) if not name.endswith(".pyc")]
    return found


@dataclass(frozen=True)
class Outcome:
    """How start-up got what it needed: loaded from the snapshot, or built (and whether it was kept)."""

    loaded: bool
    saved: bool
    seconds: float


def remembered(folder: Path | None, content: Path, build: Callable[[], T]) -> tuple[T, Outcome]:
    """What ``build`` returns for this code and ``content``: from ``folder``'s snapshot if it matches, else built."""
    started = time.perf_counter()
    if folder is None:
        return build(), Outcome(False, False, time.perf_counter() - started)
    file = Path(folder) / FILE_NAME
    expected = fingerprint(content)
    found = _read(file, expected)
    if found is not None:
        return found, Outcome(True, False, time.perf_counter() - started)
    built = build()
    saved = _write(file, expected, built)
    return built, Outcome(False, saved, time.perf_counter() - started)


def _read(file: Path, expected: str) -> object | None:
    try:
        with file.open("rb") as stored:
            if stored.readline().decode("ascii", "replace").strip() != expected:
                return None  # made from other code or content: build again
            return pickle.load(stored)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged or half-written file is only a slower start
        log.warning("start-up snapshot %s could not be read (%s): building the site instead", file,
                    type(error).__name__)
        return None


def _write(file: Path, fingerprint_: str, built: object) -> bool:
    """Write beside the file, then move into place: a process starting at the same time reads old or new."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".site-", suffix=".tmp")
    except OSError:
        return False  # a read-only folder (an image's): serve what was built
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(f"{fingerprint_}\n".encode("ascii"))
            pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the site may run as another user
        os.replace(temporary, file)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
