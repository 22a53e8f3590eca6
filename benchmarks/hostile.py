"""The hostile-input review's worst cases, timed and weighed (docs/reliability.md, "Limits").

    .venv/bin/python benchmarks/hostile.py --mb 1 4 16

Each case is one group whose charter (or rotation log) is grown to the given size with the one
pattern that was superlinear before issue 19: a base-60 number (``1:59:59:…``), distinct
unknown keys, one key repeated, number keys, rotation-log entries each with a bad value. Each
runs as its own ``groupcheck validate --format json`` process; the figures are its wall time and
its peak resident memory (``wait4``'s ``ru_maxrss``), and both per MB of input. The memory
per MB is counted above the same command's on a small valid group (the interpreter and its
imports, about 40 MB, whatever the input). Linear time shows as seconds per MB that stay flat
as the size grows; the memory bound is 20 MB per MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CHARTER = """\
id: bench-group
name: 集团
jurisdiction: 山东省泰安市泰山区
model: tight
established: 2022-07-30
core_school:
  id: bench-core
  name: 核心校
  teachers: {teachers}
members:
  - id: bench-member
    name: 成员校
    relation: integration
"""
EXCHANGE = """\
  - person: 李明{index}
    role: cadre
    from: bench-core
    to: bench-member
    start: 2022-09-01
    end: 2024-08-31
    bad_field_{index}: 1
"""


def _grow(head: str, line: Callable[[int], str], size: int) -> str:
    parts, total, index = [head], len(head.encode()), 0
    while total < size:
        part = line(index)
        parts.append(part)
        total += len(part.encode())
        index += 1
    return "".join(parts)


def _sexagesimal(size: int) -> dict[str, str]:
    digits = ":59" * (size // 3)
    return {"charter.yaml": CHARTER.format(teachers="1" + digits)}


def _unknown_keys(size: int) -> dict[str, str]:
    base = CHARTER.format(teachers=100)
    return {"charter.yaml": _grow(base, lambda i: f"unknown_{i}: 1\n", size)}


def _repeated_key(size: int) -> dict[str, str]:
    base = CHARTER.format(teachers=100)
    return {"charter.yaml": _grow(base, lambda i: "funding_x: 1\n", size)}


def _number_keys(size: int) -> dict[str, str]:
    base = CHARTER.format(teachers=100)
    return {"charter.yaml": _grow(base, lambda i: f"{i}: x\n", size)}


def _bad_exchanges(size: int) -> dict[str, str]:
    log = _grow("group: bench-group\nexchanges:\n", lambda i: EXCHANGE.format(index=i), size)
    return {"charter.yaml": CHARTER.format(teachers=100), "rotations.yaml": log}


CASES: dict[str, Callable[[int], dict[str, str]]] = {
    "sexagesimal number": _sexagesimal,
    "unknown keys": _unknown_keys,
    "one key repeated": _repeated_key,
    "number keys": _number_keys,
    "bad exchanges": _bad_exchanges,
}


def measure(folder: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``groupcheck validate`` of ``folder``."""
    command = [sys.executable, "-m", "groupcheck", "validate", str(folder), "--format", "json"]
    command += ["--output", os.devnull, "--as-of", "2026-11-25", "--jobs", "1"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode() if child.stderr is not None else ""
    if child.returncode not in (0, 1):
        raise SystemExit(f"{folder}: exit {child.returncode}\n{stderr}")
    return seconds, usage.ru_maxrss / 1024  # Linux: kilobytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 4.0])
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    args = parser.parse_args(argv)
    print(f"{'case':<20} {'MB in':>6} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'MB/MB':>6}")
    with tempfile.TemporaryDirectory() as scratch:
        small = Path(scratch) / "small"
        small.mkdir()
        (small / "charter.yaml").write_text(CHARTER.format(teachers=100), encoding="utf-8")
        _seconds, floor = measure(small)
        print(f"{'(a small valid group)':<20} {0:>6.1f} {_seconds:>8.2f} {'':>6} {floor:>8.0f}")
        for name in args.case or CASES:
            for mb in args.mb:
                folder = Path(scratch) / f"{name.replace(' ', '-')}-{mb}"
                folder.mkdir()
                size = 0
                for file, content in CASES[name](int(mb * 1024 * 1024)).items():
                    (folder / file).write_text(content, encoding="utf-8")
                    size += len(content.encode())
                seconds, peak = measure(folder)
                size_mb = size / 1024 / 1024
                print(
                    f"{name:<20} {size_mb:>6.1f} {seconds:>8.2f} {seconds / size_mb:>6.2f} "
                    f"{peak:>8.0f} {(peak - floor) / size_mb:>6.1f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
