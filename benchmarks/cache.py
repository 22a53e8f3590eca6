"""The incremental cache, timed (issue 17, item 2; docs/performance.md, "The cache").

    .venv/bin/python benchmarks/generate.py benchmarks/data/g10000 --groups 10000
    .venv/bin/python benchmarks/cache.py benchmarks/data/g10000 --jobs 2

Copies DATA to a scratch folder (it edits charters there, never in DATA) and runs
``groupcheck validate`` as its own process, each time with a fresh cache folder unless said:

1. without the cache (``--no-cache``), the reference;
2. the cold run, which fills the cache;
3. the warm run, nothing changed;
4. the warm run with one group's charter changed (the figure issue 17 asks for: at most 3 s
   at 10,000 groups on 2 cores);
5. the pre-commit hook's command (``validate --format concise --no-progress``, the jobs its
   defaults give) with another group changed, as after a commit touching one group.

Each run's report (JSON for 1–4) must be byte-identical to the uncached one of the same files;
the script stops when it is not. Prints wall seconds and CPU seconds (user + system of the
run's process and its workers) per run, and the load average before and after: on a shared
machine the wall time says as much about the others' work as about groupcheck's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = "2026-11-25"


Timing = tuple[float, float]
"""Wall seconds, CPU seconds (user + system, the process and its workers)."""


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _validate(data: Path, cache: Path | None, *args: str) -> tuple[Timing, bytes]:
    command = [sys.executable, "-m", "groupcheck", "validate", str(data), "--as-of", AS_OF]
    command += ["--no-progress", *args]
    command += ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    cpu = _cpu()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"exit {done.returncode}: {done.stderr.decode(errors='replace')}")
    return (seconds, _cpu() - cpu), done.stdout


def _load() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def _touch(charter: Path, note: str) -> None:
    with open(charter, "a", encoding="utf-8") as handle:
        handle.write(f"# {note}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a folder written by benchmarks/generate.py")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(args.data, data)
        cache = Path(scratch) / "cache"
        charters = sorted(data.rglob("charter.yaml"))
        groups = len(charters)
        json_run = ("--format", "json", "--jobs", str(args.jobs))
        rows: list[tuple[str, Timing]] = []
        load_before = _load()

        seconds, reference = _validate(data, None, *json_run)
        rows.append(("no cache", seconds))
        seconds, cold = _validate(data, cache, *json_run)
        rows.append(("cold cache (filling it)", seconds))
        seconds, warm = _validate(data, cache, *json_run)
        rows.append(("warm cache, nothing changed", seconds))
        if not reference == cold == warm:
            raise SystemExit("the cached reports differ from the uncached one")

        _touch(charters[len(charters) // 2], "edited")
        seconds, one = _validate(data, cache, *json_run)
        rows.append(("warm cache, one group changed", seconds))
        _seconds, fresh = _validate(data, None, *json_run)
        if one != fresh:
            raise SystemExit("the report with one group changed differs from the uncached one")

        _touch(charters[len(charters) // 3], "edited")
        seconds, _hook = _validate(data, cache, "--format", "concise")
        rows.append(("the hook's command, one group changed", seconds))

    print(f"{groups:,} groups, --jobs {args.jobs} (the hook: its default jobs)")
    print(f"load average (1, 5, 15 min): {load_before} before, {_load()} after")
    print(f"{'run':<40} {'wall s':>7} {'CPU s':>7}")
    for label, (wall, cpu) in rows:
        print(f"{label:<40} {wall:>7.2f} {cpu:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
