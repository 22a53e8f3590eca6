"""Where a cached run's CPU goes, stage by stage (docs/performance.md, "The cache").

    .venv/bin/python benchmarks/cache_phases.py DATA --as-of 2026-11-25 --format json \\
        --no-progress --cache-dir /tmp/c -j1 > /dev/null

Runs ``groupcheck validate`` with the arguments given, in this process, with a timer around
each stage (the walk, the files' keys, reading the shards, the parent's charter models, the
run-scope rules and report, rendering) and prints each stage's CPU and wall seconds on stderr.
Run it twice with the same ``--cache-dir``: the first fills the cache.
"""

from __future__ import annotations

import collections
import contextlib
import sys
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any

CPU: collections.Counter[str] = collections.Counter()
WALL: collections.Counter[str] = collections.Counter()


def _timed(owner: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            result = original(*args, **kwargs)
        finally:
            CPU[label] += time.process_time() - cpu
            WALL[label] += time.perf_counter() - wall
        # A generator does its work when it is iterated, not when it is made: each step is
        # timed (``_check_missing`` checks the changed groups that way).
        return _timed_steps(result, label) if isinstance(result, Generator) else result

    setattr(owner, name, timed)


def _timed_steps(steps: Generator[Any, Any, Any], label: str) -> Generator[Any, Any, Any]:
    """``steps``, the CPU and wall time of each step added to ``label``; closing it closes
    ``steps`` (``_cached_run`` closes ``_check_missing``'s generator whatever happens)."""
    with contextlib.closing(steps):
        while True:
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                item = next(steps)
            except StopIteration:
                return
            finally:
                CPU[label] += time.process_time() - cpu
                WALL[label] += time.perf_counter() - wall
            yield item


def main() -> int:
    cpu, wall = time.process_time(), time.perf_counter()
    from groupcheck import cache, discovery, engine, parallel, reporters
    from groupcheck.cli import main as cli

    CPU["imports"] = time.process_time() - cpu
    _timed(cache.Cache, "key", "files' stat and keys")
    _timed(cache.Cache, "get", "shards read and decoded")
    _timed(cache.Cache, "save", "cache written")
    _timed(cache, "group_of", "  of which the parent's charter models")
    _timed(parallel, "_check_missing", "changed groups checked")
    _timed(engine, "check", "run-scope rules, waivers, report")
    _timed(reporters, "render", "rendering")
    walk = discovery.Walk.__iter__

    def walking(self: discovery.Walk) -> Iterator[discovery.GroupSource]:
        steps = walk(self)
        while True:
            started, clock = time.process_time(), time.perf_counter()
            try:
                found = next(steps)
            except StopIteration:
                return
            finally:
                CPU["walk"] += time.process_time() - started
                WALL["walk"] += time.perf_counter() - clock
            yield found

    discovery.Walk.__iter__ = walking  # type: ignore[method-assign]
    sys.argv = ["groupcheck", "validate", *sys.argv[1:]]
    with contextlib.suppress(SystemExit):
        cli()
    CPU["total"] = time.process_time() - cpu
    WALL["total"] = time.perf_counter() - wall
    for label, seconds in CPU.most_common():
        print(f"{label:<34} CPU {seconds:6.2f} s  wall {WALL[label]:6.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
