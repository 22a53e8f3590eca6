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
5. the pre-commit hook's command (``.pre-commit-hooks.yaml``: ``validate --format concise
   --no-progress --changed FILE``, run in DATA as pre-commit runs it in the repository, the
   jobs its defaults give), warm, after a commit touching one group's charter (a comment:
   what the cross-group rules read of it is unchanged) — issue 17's "at most 1 s";
6. the same after a commit that changes what the cross-group rules read (the group's name):
   their passes run again over every group, each read from the cache.

Each run's report (JSON for 1–4, the hook's lines for 5–6) must be byte-identical to the
uncached one of the same files; the script stops when it is not. Prints wall seconds and CPU
seconds (user + system of the run's process and its workers) per run, and the load average
before and after: on a shared machine the wall time says as much about the others' work as
about groupcheck's. groupcheck's modules are compiled to bytecode first, as an installed
package has them (where ``PYTHONDONTWRITEBYTECODE`` is set, an editable install would parse
them on every start: 0.1 s).
"""

from __future__ import annotations

import argparse
import compileall
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


def _validate(
    data: Path, cache: Path | None, *args: str, cwd: Path | None = None
) -> tuple[Timing, bytes]:
    """``groupcheck validate`` over ``data`` (or, with ``cwd``, the run its config names
    there, as the hook runs)."""
    command = [sys.executable, "-m", "groupcheck", "validate"]
    command += ([] if cwd is not None else [str(data)]) + ["--as-of", AS_OF]
    command += ["--no-progress", *args]
    command += ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    cpu = _cpu()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, cwd=cwd)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"exit {done.returncode}: {done.stderr.decode(errors='replace')}")
    return (seconds, _cpu() - cpu), done.stdout


def _load() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def _touch(charter: Path, note: str) -> None:
    with open(charter, "a", encoding="utf-8") as handle:
        handle.write(f"# {note}\n")


def _rename(charter: Path, _note: str = "") -> None:
    """Change the group's name: an input of the cross-group rules (``cache.Entry.inputs``)."""
    text = charter.read_text(encoding="utf-8")
    charter.write_text(text.replace("\nname: ", "\nname: 新", 1), encoding="utf-8")


def _hook(data: Path, cache: Path | None, charter: Path) -> tuple[Timing, bytes]:
    changed = str(charter.relative_to(data))
    return _validate(data, cache, "--format", "concise", "--changed", changed, cwd=data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a folder written by benchmarks/generate.py")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import groupcheck

    compileall.compile_dir(str(Path(groupcheck.__file__).parent), quiet=1)
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

        hook_cache = Path(scratch) / "hook-cache"
        _hook(data, hook_cache, charters[0])  # the first commit's run fills its cache
        for label, edit, charter in (
            ("the hook, one group changed (a comment)", _touch, charters[len(charters) // 3]),
            ("the hook, one group renamed (cross-group)", _rename, charters[len(charters) // 4]),
        ):
            edit(charter, "edited")
            seconds, hooked = _hook(data, hook_cache, charter)
            rows.append((label, seconds))
            if hooked != _hook(data, None, charter)[1]:
                raise SystemExit(f"{label}: the output differs from the uncached one")

    print(f"{groups:,} groups, --jobs {args.jobs} (the hook: its default jobs)")
    print(f"load average (1, 5, 15 min): {load_before} before, {_load()} after")
    print(f"{'run':<40} {'wall s':>7} {'CPU s':>7}")
    for label, (wall, cpu) in rows:
        print(f"{label:<40} {wall:>7.2f} {cpu:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
