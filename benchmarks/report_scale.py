"""How long ``groupcheck report`` takes, and how much memory, for a city's 200 groups.

``python benchmarks/report_scale.py [--groups 200] [--formats pdf,html,docx] [--out DIR]``
copies the 17 bundled groups of ``charters/`` until there are ``--groups`` of them, each copy
with new group and school ids (``-c2``, ``-c3`` … appended) and staff numbers (``c2-`` put
before; names, dates and amounts are the originals', so the copies pass and fail as the
originals do, and no teacher is in two groups at once), then runs, each in its own
process, ``groupcheck report DIR --output report.<format> --as-of 2026-11-24`` per format and
prints its wall time, CPU time, peak RSS (that process's own, from ``wait4``), pages (pdfinfo,
for PDF) and size. The review behind issue 16 measured 410 s and 2.97 GB for 200 groups as
PDF; the issue's target is 60 s and 1 GB on 2 cores (docs/performance.md has the figures).

Extra arguments after ``--`` go to every ``groupcheck report`` (``-- --detail full``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = ROOT / "charters"
AS_OF = "2026-11-24"
STAFF_NO = re.compile(r"""(staff_no:\s*["']?)""")


def ids_of(charter: Path) -> list[str]:
    """The group's id and its schools' ids, as the charter declares them."""
    data = yaml.safe_load(charter.read_text(encoding="utf-8"))
    ids = [str(data["id"])]
    core = data.get("core_school") or {}
    if "id" in core:
        ids.append(str(core["id"]))
    ids += [str(m["id"]) for m in data.get("members") or [] if "id" in m]
    return ids


def duplicate(target: Path, groups: int) -> int:
    """Write ``groups`` groups into ``target`` (copies of the bundled ones); the file count."""
    sources = sorted(p.parent for p in CHARTERS.rglob("charter.yaml"))
    files = 0
    for index in range(groups):
        source = sources[index % len(sources)]
        copy = index // len(sources) + 1
        suffix = "" if copy == 1 else f"-c{copy}"
        ids = sorted(ids_of(source / "charter.yaml"), key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
        folder = target / source.parent.name / f"{source.name}{suffix}"
        for path in sorted(source.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if suffix:
                text = pattern.sub(rf"\g<1>{suffix}", text)
                # Another group's staff: a staff number shared by two groups at once is GC204's
                # finding, and 12 copies of one log would give every copy thousands of them.
                text = STAFF_NO.sub(rf"\g<1>{suffix[1:]}-", text)
            out = folder / path.relative_to(source)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            files += 1
    return files


def measure(command: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS in bytes and exit code of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode


def pages_of(pdf: Path) -> str:
    tool = shutil.which("pdfinfo")
    if tool is None:
        return "–"
    info = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=False).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return match.group(1) if match else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--formats", default="pdf,html")
    parser.add_argument("--out", type=Path, help="keep the groups and reports here")
    parser.add_argument("extra", nargs="*", help="arguments for groupcheck report (after --)")
    args = parser.parse_args(argv)
    work = args.out or Path(tempfile.mkdtemp(prefix="report-scale-"))
    data = work / "groups"
    if data.exists():
        shutil.rmtree(data)
    files = duplicate(data, args.groups)
    print(f"{args.groups} groups, {files} files in {data}  ({os.cpu_count()} CPUs)")
    print(f"{'format':<6} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12} {'pages':>6} "
          f"{'size MB':>8} {'exit':>5}")  # fmt: skip
    for fmt in args.formats.split(","):
        output = work / f"report.{fmt}"
        command = [sys.executable, "-m", "groupcheck", "report", str(data), "--output",
                   str(output), "--as-of", AS_OF, *args.extra]  # fmt: skip
        wall, cpu, rss, code = measure(command)
        size = output.stat().st_size / 1e6 if output.exists() else 0.0
        pages = pages_of(output) if fmt == "pdf" and output.exists() else "–"
        print(f"{fmt:<6} {wall:>8.1f} {cpu:>8.1f} {rss / 1e6:>12.0f} {pages:>6} {size:>8.2f} "
              f"{code:>5}")  # fmt: skip
    if args.out is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
