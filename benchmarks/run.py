"""groupcheck's benchmark: one command that measures every figure of docs/performance.md.

    .venv/bin/python benchmarks/run.py                      # sizes 1,000 / 10,000 / 40,000
    .venv/bin/python benchmarks/run.py --sizes 1000 --peer-sizes 1000   # a quick look

For each size it generates the synthetic repository once (``benchmarks/data/g<size>``, seeded,
kept out of git), then measures, each as a separate process started from here:

* ``groupcheck validate DATA --format json --jobs J`` for each J of ``--jobs`` (1 and 2);
* the parse floor (``benchmarks/floor.py``: every file parsed by CSafeLoader, nothing else)
  with the same number of processes J, so the floor ratio compares like with like;
* the peer: ``check-jsonschema`` validating the same files against groupcheck's own exported
  JSON Schema (``groupcheck schema charter`` / ``rotations``), in batches that fit a command
  line, J batches at a time (sizes in ``--peer-sizes`` only, at the largest J: it is slow);

and prints wall time, CPU time (user + system of the process and its workers), groups/s,
MB/s, peak RSS (the sum over the process and its workers, sampled every 50 ms) and the two
ratios. Then start-up: ``groupcheck --version`` and ``validate`` of one group, wall time over
``--startup-runs`` runs, and the ``python -X importtime`` modules that cost the most.
Everything is also written to ``benchmarks/out/results-<sizes>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
OUT = HERE / "out"
AS_OF = "2026-11-25"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int
    detail: str = ""


@dataclass
class SizeResult:
    groups: int
    files: int
    megabytes: float
    groupcheck: dict[int, Measure] = field(default_factory=dict)
    floor: dict[int, Measure] = field(default_factory=dict)
    peer: dict[int, Measure] = field(default_factory=dict)


def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of ``root_pid`` and all its descendants, in kB (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(stat[1])
        rss[pid] = int(stat[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, wanted = 0, {root_pid}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in wanted and pid not in wanted:
                wanted.add(pid)
                changed = True
    for pid in wanted:
        total += rss.get(pid, 0)
    return total


def measure(argv: list[str], stdout: Path | None = None, cwd: Path = ROOT) -> Measure:
    """Run ``argv`` once: wall, CPU of it and its children, peak RSS of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = 0
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, cwd=cwd)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if stdout:
        out.close()  # type: ignore[union-attr]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measure(wall, cpu, peak / 1024, process.returncode, err.decode()[-500:])


def ensure_data(size: int, seed: int) -> Path:
    target = DATA / f"g{size}"
    marker = target / ".complete"
    if not marker.exists():
        if target.exists():
            subprocess.run(["rm", "-rf", str(target)], check=True)
        print(f"generating {size} groups in {target} ...", flush=True)
        subprocess.run(
            [
                PYTHON,
                str(HERE / "generate.py"),
                str(target),
                "--groups",
                str(size),
                "--seed",
                str(seed),
            ],
            check=True,
        )
        marker.write_text(f"{size} {seed}\n")
    return target


def corpus_size(target: Path) -> tuple[int, int, int]:
    """(charter files, all YAML files, bytes)."""
    charters = files = size = 0
    for folder, _, names in os.walk(target):
        for name in names:
            if name.endswith(".yaml"):
                files += 1
                charters += name == "charter.yaml"
                size += os.path.getsize(os.path.join(folder, name))
    return charters, files, size


def export_schemas() -> dict[str, Path]:
    """groupcheck's own JSON Schemas, by ``groupcheck schema`` (or the models, before it)."""
    OUT.mkdir(parents=True, exist_ok=True)
    schemas: dict[str, Path] = {}
    for kind in ("charter", "rotations"):
        path = OUT / f"schema-{kind}.json"
        made = subprocess.run(
            [str(BIN / "groupcheck"), "schema", kind], capture_output=True, text=True
        )
        if made.returncode == 0 and made.stdout.strip().startswith("{"):
            path.write_text(made.stdout)
        else:
            from groupcheck.models import Charter, RotationLog

            model = Charter if kind == "charter" else RotationLog
            path.write_text(json.dumps(model.model_json_schema(by_alias=True), indent=1))
        schemas[kind] = path
    return schemas


def peer(target: Path, jobs: int, schemas: dict[str, Path]) -> Measure:
    """check-jsonschema over every file, ``jobs`` batches at a time, as one measurement."""
    charters: list[str] = []
    logs: list[str] = []
    for folder, dirnames, names in os.walk(target):
        dirnames.sort()
        for name in sorted(names):
            if name.endswith(".yaml"):
                path = os.path.join(folder, name)
                (charters if name == "charter.yaml" else logs).append(path)
    batches: list[list[str]] = []
    limit = 100_000  # characters of paths per command line
    for kind, paths in (("charter", charters), ("rotations", logs)):
        batch: list[str] = []
        length = 0
        for path in paths:
            if batch and length + len(path) > limit:
                batches.append(_peer_argv(schemas[kind], batch))
                batch, length = [], 0
            batch.append(path)
            length += len(path) + 1
        if batch:
            batches.append(_peer_argv(schemas[kind], batch))
    script = OUT / "peer-batches.json"
    script.write_text(json.dumps({"jobs": jobs, "batches": batches}))
    # One driver process runs the batches; measure() sees it and every check-jsonschema.
    return measure([PYTHON, str(HERE / "run.py"), "--_peer-driver", str(script)])


def _peer_argv(schema: Path, paths: list[str]) -> list[str]:
    return [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *paths]


def _peer_driver(script: str) -> int:
    spec = json.loads(Path(script).read_text())
    pending = list(spec["batches"])
    running: list[subprocess.Popen[bytes]] = []
    while pending or running:
        while pending and len(running) < spec["jobs"]:
            running.append(
                subprocess.Popen(
                    pending.pop(0), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            )
        running[0].wait()
        running = [p for p in running if p.poll() is None]
    return 0


def startup(runs: int, one_group: Path) -> dict[str, object]:
    """Wall time of ``--version`` and of ``validate`` on one group, and the import profile."""
    commands = {
        "version": [str(BIN / "groupcheck"), "--version"],
        "validate_one": [str(BIN / "groupcheck"), "validate", str(one_group), "--as-of", AS_OF],
        "validate_one_json": [
            *(str(BIN / "groupcheck"), "validate", str(one_group)),
            *("--as-of", AS_OF, "--format", "json"),
        ],
    }
    result: dict[str, object] = {}
    for name, argv in commands.items():
        walls = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
        result[name] = {"median": statistics.median(walls), "min": min(walls)}
        imports = subprocess.run(
            [PYTHON, "-X", "importtime", "-m", "groupcheck", *argv[1:]],
            capture_output=True,
            text=True,
        ).stderr
        result[name + "_imports"] = _top_imports(imports)
    return result


def _top_imports(text: str, top: int = 12) -> list[tuple[str, float]]:
    """The top-level packages by cumulative import time (ms), from ``-X importtime``."""
    totals: dict[str, float] = {}
    for line in text.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.split("|")
        try:
            cumulative = int(parts[1])
        except ValueError:
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        if depth <= 1:  # top-level imports only (children are inside their parents)
            key = name.strip()
            totals[key] = totals.get(key, 0.0) + cumulative / 1000
    return sorted(totals.items(), key=lambda kv: -kv[1])[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="groupcheck's benchmark (docs/performance.md)")
    parser.add_argument("--sizes", default="1000,10000,40000")
    parser.add_argument("--jobs", default="1,2", help="process counts to measure")
    parser.add_argument("--peer-sizes", default="1000,10000", help="sizes to run the peer on")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--_peer-driver", dest="peer_driver", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peer_driver:
        return _peer_driver(args.peer_driver)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    jobs_list = [int(j) for j in args.jobs.split(",") if j]
    peer_sizes = {int(s) for s in args.peer_sizes.split(",") if s}
    OUT.mkdir(parents=True, exist_ok=True)
    schemas = export_schemas()
    results: list[SizeResult] = []
    for size in sizes:
        target = ensure_data(size, args.seed)
        _charters, files, size_bytes = corpus_size(target)
        row = SizeResult(size, files, size_bytes / 1e6)
        for jobs in jobs_list:
            # The floor first: it also brings every file into the page cache for the others.
            row.floor[jobs] = measure([PYTHON, str(HERE / "floor.py"), str(target), *_j(jobs)])
            report = OUT / f"report-g{size}-j{jobs}.json"
            row.groupcheck[jobs] = measure(
                [
                    str(BIN / "groupcheck"),
                    "validate",
                    str(target),
                    "--format",
                    "json",
                    "--as-of",
                    AS_OF,
                    "--no-progress",
                    *_j(jobs),
                ],
                stdout=report,
            )
            if size in peer_sizes and jobs == max(jobs_list):  # the peer is slow: once a size
                row.peer[jobs] = peer(target, jobs, schemas)
            _print_row(row, jobs)
        same = _reports_identical(size, jobs_list)
        print(f"  reports for --jobs {args.jobs}: {'byte-identical' if same else 'DIFFER'}")
        results.append(row)
    started: dict[str, object] = {}
    if args.startup_runs > 0:
        one_group = next((DATA / f"g{sizes[0]}").glob("*/*/group-00000"))
        started = startup(args.startup_runs, one_group)
        _print_startup(started)
    written = OUT / f"results-{args.sizes.replace(',', '-')}.json"
    written.write_text(
        json.dumps(
            {"sizes": [asdict(r) for r in results], "startup": started},
            indent=1,
            ensure_ascii=False,
        )
    )
    print(f"written: {written}")
    return 0


def _j(jobs: int) -> list[str]:
    return ["--jobs", str(jobs)]


def _reports_identical(size: int, jobs_list: list[int]) -> bool:
    texts = {(OUT / f"report-g{size}-j{j}.json").read_bytes() for j in jobs_list}
    return len(texts) == 1


def _print_row(row: SizeResult, jobs: int) -> None:
    gc, floor = row.groupcheck[jobs], row.floor[jobs]
    print(
        f"{row.groups:>6} groups {row.files:>7} files {row.megabytes:7.1f} MB  --jobs {jobs}: "
        f"wall {gc.wall:6.1f} s  cpu {gc.cpu:6.1f} s  {row.groups / gc.wall:7.0f} groups/s  "
        f"{row.megabytes / gc.wall:5.1f} MB/s  peak RSS {gc.peak_rss_mb:6.0f} MB  "
        f"(exit {gc.returncode})"
    )
    print(
        f"{'':>40}floor: wall {floor.wall:6.1f} s  cpu {floor.cpu:6.1f} s  "
        f"ratio wall {gc.wall / floor.wall:.2f}  cpu {gc.cpu / floor.cpu:.2f}"
    )
    if jobs in row.peer:
        p = row.peer[jobs]
        print(
            f"{'':>40}peer:  wall {p.wall:6.1f} s  cpu {p.cpu:6.1f} s  "
            f"ratio wall {gc.wall / p.wall:.2f}  cpu {gc.cpu / p.cpu:.2f}"
        )
    sys.stdout.flush()


def _print_startup(started: dict[str, object]) -> None:
    for name in ("version", "validate_one", "validate_one_json"):
        figures = started[name]
        assert isinstance(figures, dict)
        print(f"start-up {name}: median {figures['median']:.3f} s, best {figures['min']:.3f} s")
        imports = started[name + "_imports"]
        assert isinstance(imports, list)
        print("  imports (cumulative ms): " + ", ".join(f"{n} {t:.0f}" for n, t in imports[:8]))


if __name__ == "__main__":
    sys.exit(main())
