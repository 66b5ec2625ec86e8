"""The Python locks in requirements/ say exactly what pyproject.toml asks for.

`make lock` writes them; an install never resolves anything of its own. These checks fail as soon as
someone changes a dependency in pyproject.toml without running `make lock` (or edits a lock by hand),
and name the package, so the fix is obvious.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = canonicalize_name(PYPROJECT["project"]["name"])
LOCKS = {name: ROOT / "requirements" / f"{name}.txt" for name in ("runtime", "dev", "build")}
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")


@dataclass
class Locked:
    versions: set[str] = field(default_factory=set)
    hashes: int = 0
    direct: bool = False  # asked for by pyproject.toml itself, not only by another package


def read_lock(path: Path) -> dict[str, Locked]:
    """Each package in a lock written by `uv pip compile --generate-hashes`, with its versions (one per
    marker fork), how many hashes it carries, and whether the project itself asks for it."""
    packages: dict[str, Locked] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := ENTRY.match(line):
            current = packages.setdefault(canonicalize_name(match["name"]), Locked())
            current.versions.add(match["version"])
        elif line[:1].isalnum():
            pytest.fail(f"{path.relative_to(ROOT)}: not a pinned package: {line!r} (run `make lock`)")
        elif current and "--hash=sha256:" in line:
            current.hashes += 1
        elif current and re.search(rf"#\s+(via )?{re.escape(PROJECT)} \(pyproject\.toml\)", line):
            current.direct = True
    return packages


def declared(*extras: str) -> dict[str, Requirement]:
    requirements = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        requirements += PYPROJECT["project"]["optional-dependencies"][extra]
    return {canonicalize_name(r.name): r for r in map(Requirement, requirements)}


def pinned_version(requirement: Requirement) -> str:
    specifiers = list(requirement.specifier)
    assert len(specifiers) == 1 and specifiers[0].operator == "==", (
        f"pyproject.toml: pin {requirement.name} exactly (name==version); the lock holds the rest"
    )
    return specifiers[0].version


def disagreements(lock: Path, requirements: dict[str, Requirement]) -> list[str]:
    """Every way the lock and pyproject.toml disagree, one message per package."""
    packages, where = read_lock(lock), lock.relative_to(ROOT) if lock.is_relative_to(ROOT) else lock.name
    messages = []
    for name, requirement in requirements.items():
        version = pinned_version(requirement)
        if name not in packages:
            messages.append(f"{name} is in pyproject.toml but not in {where}")
        elif packages[name].versions != {version}:
            has = ", ".join(sorted(packages[name].versions))
            messages.append(f"{name}: pyproject.toml pins {version}, {where} has {has}")
    for name in sorted(name for name, package in packages.items() if package.direct and name not in requirements):
        messages.append(f"{name} is in {where} as a dependency of pyproject.toml, which no longer asks for it")
    return messages


@pytest.mark.parametrize(("lock", "extras"), [("runtime", ()), ("dev", ("dev",))])
def test_the_lock_has_exactly_what_pyproject_pins(lock, extras):
    problems = disagreements(LOCKS[lock], declared(*extras))
    assert not problems, "run `make lock`: " + "; ".join(problems)


def test_a_lock_behind_pyproject_is_caught_and_the_package_named(tmp_path):
    flask = pinned_version(declared()["flask"])
    behind = tmp_path / "runtime.txt"
    behind.write_text(LOCKS["runtime"].read_text(encoding="utf-8").replace(f"flask=={flask} ", "flask==0.1 "))
    assert disagreements(behind, declared()) == [f"flask: pyproject.toml pins {flask}, runtime.txt has 0.1"]
    without_nh3 = {name: r for name, r in declared().items() if name != "nh3"}
    assert disagreements(LOCKS["runtime"], without_nh3) == [
        "nh3 is in requirements/runtime.txt as a dependency of pyproject.toml, which no longer asks for it"
    ]
    with_new = declared() | {"left-pad": Requirement("left-pad==1.0")}
    assert disagreements(LOCKS["runtime"], with_new) == [
        "left-pad is in pyproject.toml but not in requirements/runtime.txt"
    ]


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_locked_package_carries_its_hashes(lock):
    packages = read_lock(LOCKS[lock])
    assert packages, f"requirements/{lock}.txt is empty"
    unhashed = sorted(name for name, package in packages.items() if package.hashes == 0)
    assert not unhashed, f"requirements/{lock}.txt: no --hash for {unhashed}: run `make lock`"


def test_the_developers_lock_has_the_sites_packages_at_the_same_versions():
    runtime, dev = read_lock(LOCKS["runtime"]), read_lock(LOCKS["dev"])
    differ = {name: (p.versions, dev.get(name, Locked()).versions) for name, p in runtime.items()
              if dev.get(name, Locked()).versions != p.versions}
    assert not differ, f"requirements/dev.txt differs from runtime.txt (runtime, dev): {differ}: run `make lock`"


def test_the_build_lock_satisfies_the_build_backend_requirements():
    packages = read_lock(LOCKS["build"])
    for requirement in map(Requirement, PYPROJECT["build-system"]["requires"]):
        versions = packages.get(canonicalize_name(requirement.name), Locked()).versions
        assert versions and all(requirement.specifier.contains(v) for v in versions), (
            f"requirements/build.txt: {requirement} is not met by {sorted(versions)}: run `make lock`"
        )


@pytest.mark.parametrize("folder", [".", "bench/observatory"])
def test_each_npm_lock_matches_its_package_json_and_carries_integrity_hashes(folder):
    """`npm ci` refuses a lock that disagrees with package.json; this says so before CI does, and checks
    that every package is pinned by its integrity hash."""
    manifest = json.loads((ROOT / folder / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / folder / "package-lock.json").read_text(encoding="utf-8"))
    for kind in ("dependencies", "devDependencies"):
        assert lock["packages"][""].get(kind, {}) == manifest.get(kind, {}), (
            f"{folder}/package-lock.json: {kind} differ from package.json: run `npm install` there"
        )
    unhashed = sorted(path for path, package in lock["packages"].items()
                      if path and not package.get("link") and "integrity" not in package)
    assert not unhashed, f"{folder}/package-lock.json: no integrity hash for {unhashed}"


INSTALL_PATHS = ["Makefile", "Dockerfile", ".github/workflows/test.yml", ".ci/run"]


def pip_installs(text: str) -> list[str]:
    """Each `pip ... install` command, with its continuation lines joined and Make's `NAME := value`
    variables filled in."""
    joined = re.sub(r"\s*\\\n\s*", " ", text)
    for name, value in re.findall(r"^(\w+) := (.*)$", joined, flags=re.MULTILINE):
        joined = joined.replace(f"$({name})", value.strip())
    return [line.strip() for line in joined.splitlines() if re.search(r"\bpip\b.*\binstall\b", line)
            and "uninstall" not in line]


def unlocked_installs(text: str) -> list[str]:
    """The pip installs that take something other than hashed locked packages or the site's own wheel."""
    def allowed(command: str) -> bool:
        locked = "--require-hashes" in command and re.search(r"-r \S*requirements/\w+\.txt", command)
        own_wheel = "--no-index" in command and "--no-deps" in command
        return bool(locked or own_wheel)

    return [command for command in pip_installs(text) if not allowed(command)]


@pytest.mark.parametrize("path", INSTALL_PATHS)
def test_every_pip_install_takes_only_hashed_locked_packages_or_the_sites_own_wheel(path):
    assert not unlocked_installs((ROOT / path).read_text(encoding="utf-8")), f"{path}: installs without the lock"


def test_an_install_that_bypasses_the_lock_is_caught():
    makefile = "BIN := .venv/bin\ninstall:\n\t$(BIN)/pip install --quiet \\\n\t  -e '.[test]'\n"
    assert unlocked_installs(makefile) == [".venv/bin/pip install --quiet -e '.[test]'"]
    assert unlocked_installs("RUN pip install --require-hashes flask\n") == ["RUN pip install --require-hashes flask"]
    locked = "LOCK := requirements/dev.txt\ni:\n\t$(BIN)/pip install --require-hashes --no-deps -r $(LOCK)\n"
    assert unlocked_installs(locked) == []
