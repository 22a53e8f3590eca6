"""The pre-commit hook's command, timed again and again (issue 17, item 3: at most 1 s for a
commit touching one group of 10,000, with a warm cache).

    .venv/bin/python benchmarks/generate.py benchmarks/data/g10000 --groups 10000
    .venv/bin/python benchmarks/hook.py benchmarks/data/g10000 --times 5
    .venv/bin/python benchmarks/hook.py benchmarks/data/g10000 --times 5 --against ../old/src

Copies DATA to a scratch folder, fills a cache with the hook's command (``validate --format
concise --no-progress --changed FILE``, run in the copy as pre-commit runs it), then, TIMES
times over: adds a comment to one group's charter (what the cross-group rules read of it is
unchanged) and runs the command; renames that group (they read its name) and runs it again.
Prints each run's wall seconds and the median of each kind. ``--against SRC``: the same
edits also judged by the groupcheck whose package is in SRC (another checkout's ``src``),
each version with its own warm cache, run one after the other after each edit: on a machine
whose speed moves within the hour (a shared one), only such interleaved runs compare two
versions. Each run's output must be the uncached run's (checked once per kind and version;
the script stops otherwise).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = "2026-11-25"


def _hook(data: Path, charter: Path, cache: Path | None, src: str | None) -> tuple[float, bytes]:
    command = [sys.executable, "-m", "groupcheck", "validate", "--as-of", AS_OF]
    command += ["--format", "concise", "--no-progress", "--changed", str(charter.relative_to(data))]
    command += ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if src is not None:
        env["PYTHONPATH"] = src
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, cwd=data, env=env)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"exit {done.returncode}: {done.stderr.decode(errors='replace')}")
    return seconds, done.stdout


def _comment(charter: Path) -> None:
    with open(charter, "a", encoding="utf-8") as handle:
        handle.write("# reviewed\n")


def _rename(charter: Path) -> None:
    text = charter.read_text(encoding="utf-8")
    charter.write_text(text.replace("\nname: ", "\nname: 新", 1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a folder written by benchmarks/generate.py")
    parser.add_argument("--times", type=int, default=5)
    parser.add_argument("--against", help="another groupcheck's src folder, run interleaved")
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import groupcheck

    versions: dict[str, str | None] = {"this": None}
    if args.against:
        versions["against"] = str(Path(args.against).resolve())
    for src in versions.values():
        package = Path(src) / "groupcheck" if src else Path(groupcheck.__file__).parent
        compileall.compile_dir(str(package), quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(args.data, data)
        charter = sorted(data.rglob("charter.yaml"))[len(list(data.rglob("charter.yaml"))) // 2]
        caches = {name: Path(scratch) / f"cache-{name}" for name in versions}
        for name, src in versions.items():
            _hook(data, charter, caches[name], src)  # the first commit's run fills the cache
        times: dict[tuple[str, str], list[float]] = {}
        for step in range(args.times):
            for kind, edit in (("a comment", _comment), ("renamed", _rename)):
                edit(charter)
                for name, src in versions.items():
                    seconds, output = _hook(data, charter, caches[name], src)
                    times.setdefault((kind, name), []).append(seconds)
                    if step == 0 and output != _hook(data, charter, None, src)[1]:
                        raise SystemExit(
                            f"{name}, {kind}: the output differs from the uncached one"
                        )
    print(f"the hook, one group of {len(list(args.data.rglob('charter.yaml'))):,} changed")
    print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    for (kind, name), seconds in sorted(times.items()):
        each = " ".join(f"{s:.2f}" for s in seconds)
        print(f"{kind:<10} {name:<8} median {statistics.median(seconds):.2f} s  ({each})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
