"""Prints "<passed> <failed>" for a test result file or folder: trx (VSTest), junit (pytest), tap (node)."""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET


def trx(folder: str) -> tuple[int, int]:
    passed = failed = 0
    files = list(pathlib.Path(folder).glob("**/*.trx"))
    for f in files:
        counters = next(ET.parse(f).getroot().iter("{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}Counters"))
        passed += int(counters.get("passed", 0))
        # Errors, timeouts and aborted runs count as failures; a missing result file is one too.
        failed += sum(int(counters.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
    return passed, failed if files else failed + 1


def junit(path: str) -> tuple[int, int]:
    if not pathlib.Path(path).exists():
        return 0, 1
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return total - bad - skipped, bad


def tap(path: str) -> tuple[int, int]:
    text = pathlib.Path(path).read_text(encoding="utf-8") if pathlib.Path(path).exists() else ""
    found = {k: int(v) for k, v in re.findall(r"^# (pass|fail|cancelled) (\d+)$", text, re.M)}
    if "pass" not in found:
        return 0, 1
    return found["pass"], found.get("fail", 0) + found.get("cancelled", 0)


if __name__ == "__main__":
    kind, target = sys.argv[1], sys.argv[2]
    p, f = {"trx": trx, "junit": junit, "tap": tap}[kind](target)
    print(p, f)
