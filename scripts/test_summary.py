"""The last lines of `make test`: how many tests ran in each suite, and in all.

Reads the JUnit XML that pytest writes for each suite. A skipped test counts as a failure here: a test
that did not run proves nothing (a browser test skipped for want of Chromium most of all).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def counts(report: Path) -> dict[str, int]:
    root = ET.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = {key: sum(int(suite.get(key, 0)) for suite in suites) for key in ("tests", "failures", "errors", "skipped")}
    total["time"] = round(sum(float(suite.get("time", 0)) for suite in suites))
    return total


def main(reports: list[str]) -> int:
    ran = failed = skipped = 0
    for report in map(Path, reports):
        suite = counts(report)
        bad = suite["failures"] + suite["errors"]
        passed = suite["tests"] - bad - suite["skipped"]
        print(f"{report.stem}: {suite['tests']} tests, {passed} passed, {bad} failed, "
              f"{suite['skipped']} skipped, in {suite['time']} s")
        ran, failed, skipped = ran + suite["tests"], failed + bad, skipped + suite["skipped"]
    if skipped:
        print(f"{skipped} test(s) skipped: a skipped test proves nothing; make it run or remove it.")
    # The closing line CI reads: "N passed, N failed".
    print(f"tests: {ran - failed - skipped} passed, {failed + skipped} failed")
    return 1 if failed or skipped or not ran else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
