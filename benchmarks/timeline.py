"""When each stage of a parallel run ends, in wall seconds from the start (docs/performance.md).

    .venv/bin/python benchmarks/timeline.py benchmarks/data/g40000 --jobs 2

What a ``validate --jobs N`` run does in its parent process: the walk (which feeds the workers
as it goes), the workers' chunks (the first result, then the last), the run-scope rules,
waivers and report model (the parent, the workers locating its findings), and the JSON output.
The stages the parent does alone are what more cores cannot shorten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

START = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--as-of", default="2026-11-25")
    args = parser.parse_args(argv)

    from groupcheck import parallel, reporters
    from groupcheck.settings import Settings

    def mark(stage: str) -> None:
        print(
            f"{time.perf_counter() - START:8.2f} s  {stage}"
            f"  (parent CPU so far {time.process_time():.2f} s)",
            flush=True,
        )

    class Timeline:
        first = True

        def finding(self, groups: int, files: int) -> None:
            pass

        def found(self, groups: int, files: int) -> None:
            mark(f"walk ended: {groups:,} groups, {files:,} files (noticed at a chunk's return)")

        def checked(self, groups: int, files: int) -> None:
            if self.first:
                mark("first chunk back from a worker")
                self.first = False

        def finishing(self) -> None:
            mark("last chunk back")

    mark("imported")
    settings = Settings(paths=(args.data,), as_of=dt.date.fromisoformat(args.as_of), lang="en")
    result = parallel.run(settings, jobs=args.jobs, progress=Timeline())
    mark("run-scope rules, waivers, located, report model built")
    text = reporters.render("json", result, lang="en", color=False, width=120)
    mark(f"JSON rendered ({len(text.encode()) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
