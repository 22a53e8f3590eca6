"""Start-up: one group checked by groupcheck beside the same group linted by yamllint.

    .venv/bin/python benchmarks/startup.py              # 9 alternating runs of each
    .venv/bin/python benchmarks/startup.py --runs 15 --group PATH

A pre-commit hook, an editor on save and ``validate -`` check one group, and there start-up is
the whole cost (issue 20). Each round runs, one after the other, ``groupcheck validate GROUP``,
``yamllint -d relaxed GROUP``, ``groupcheck --version``, ``groupcheck --help`` and a process that
only imports pydantic's ``BaseModel`` and PyYAML (the stack's floor), each as its own process
(output discarded); the rounds repeat ``--runs`` times, so a machine whose load
changes during the measurement slows both sides of the ratio alike. It prints, per command,
the median wall time and the median CPU time (user + system of the process), and the ratio
groupcheck ÷ yamllint of each.

On a shared or busy machine the absolute times are inflated (a process waits for a core); read
the ratios, measured side by side, not the seconds. The CPU column is steadier than the wall.

groupcheck's own modules are compiled to bytecode first (``compileall``), as a normal install
has them: where ``PYTHONDONTWRITEBYTECODE`` is set, an editable install would otherwise parse
them from source on every start, which yamllint (compiled by pip) does not pay.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
GROUP = ROOT / "charters/henan-shangqiu-liangyuan/shangqiu-qianjin-primary-group"
STACK_FLOOR = "import pydantic + yaml"
"""A process that only imports what every ``validate`` loads from the chosen stack (pydantic's
``BaseModel``, PyYAML) and exits: the part of a one-group run that no change inside groupcheck
can remove while its models are pydantic's (docs/performance.md, "Start-up, the stack's floor")."""


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(argv: list[str]) -> Timing:
    """Wall and CPU time (user + system) of one process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def commands(group: Path) -> dict[str, list[str]]:
    groupcheck = str(BIN / "groupcheck")
    return {
        "groupcheck validate GROUP": [groupcheck, "validate", str(group), "--no-progress"],
        "yamllint -d relaxed GROUP": [str(BIN / "yamllint"), "-d", "relaxed", str(group)],
        "groupcheck --version": [groupcheck, "--version"],
        "groupcheck --help": [groupcheck, "--help"],
        STACK_FLOOR: [sys.executable, "-c", "from pydantic import BaseModel; import yaml"],
    }


def compile_groupcheck() -> None:
    import groupcheck

    compileall.compile_dir(str(Path(groupcheck.__file__).parent), quiet=1)


def measure(group: Path, runs: int) -> dict[str, list[Timing]]:
    argvs = commands(group)
    for argv in argvs.values():  # one warm-up round: the page cache, not the interpreter
        timed(argv)
    times: dict[str, list[Timing]] = {name: [] for name in argvs}
    for _ in range(runs):
        for name, argv in argvs.items():
            times[name].append(timed(argv))
    return times


def median(values: list[Timing], field: str) -> float:
    return statistics.median(getattr(t, field) for t in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="alternating rounds (default 9)")
    parser.add_argument("--group", type=Path, default=GROUP, help="the group folder")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    if not (BIN / "yamllint").exists():
        parser.error(f"yamllint is not installed beside {sys.executable}: pip install -e '.[dev]'")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compile_groupcheck()
    load = os.getloadavg()[0]
    times = measure(args.group, args.runs)
    print(
        f"group: {args.group.relative_to(ROOT) if args.group.is_relative_to(ROOT) else args.group}"
    )
    print(
        f"{args.runs} alternating runs each; load average at start {load:.2f} on "
        f"{os.cpu_count()} CPUs (a busy machine inflates the seconds, less the ratios)"
    )
    print()
    print(f"{'command':<28} {'median wall s':>13} {'median CPU s':>12} {'wall range s':>15}")
    for name, values in times.items():
        walls = [t.wall for t in values]
        print(
            f"{name:<28} {median(values, 'wall'):>13.3f} {median(values, 'cpu'):>12.3f} "
            f"{min(walls):>7.3f}–{max(walls):.3f}"
        )
    yamllint = times["yamllint -d relaxed GROUP"]
    print()
    for name in (
        "groupcheck validate GROUP",
        "groupcheck --version",
        "groupcheck --help",
        STACK_FLOOR,
    ):
        wall = median(times[name], "wall") / median(yamllint, "wall")
        cpu = median(times[name], "cpu") / median(yamllint, "cpu")
        print(f"{name} ÷ yamllint: {wall:.2f} wall, {cpu:.2f} CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
