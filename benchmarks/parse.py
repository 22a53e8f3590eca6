"""Parsing alone, several ways, on the same files (docs/performance.md, "Where the time goes").

    .venv/bin/python benchmarks/parse.py benchmarks/data/g10000 --files 20000
    .venv/bin/python benchmarks/parse.py charters tests/cases --repeat 20   # small files
    .venv/bin/python benchmarks/parse.py benchmarks/data/g10000 --files 2000 --without-libyaml

Process CPU time of: iterating libyaml's stock Python events and doing nothing with them (what
any builder on ``yaml._yaml.CParser`` pays before it does anything); groupcheck's whole parse
(``yamlsource.parse``, the happy path, no positions) with PyYAML left stock, as a program calling
groupcheck has it (libyaml's event objects turned into tuples); the same parse after
``install_lean_events``, as the ``groupcheck`` command and its workers have it; PyYAML's
``CSafeLoader``. With ``--without-libyaml`` the script runs as under a PyYAML built without
libyaml: groupcheck's parse (PyYAML's Python parser) and ``SafeLoader``, on fewer files (both are
slow). Files that either refuses (the repository's deliberately broken ones) are left out of
every measurement; ``--repeat N`` parses each file N times (the repository's own files are few
and small, a few hundred bytes to a few KB, where what each parse costs besides its events shows
most). The machine's speed drifts: run it twice, and compare figures of one run.
"""

from __future__ import annotations

import sys

if "--without-libyaml" in sys.argv:  # before PyYAML is imported: as a build without libyaml
    sys.modules["yaml._yaml"] = None  # type: ignore[assignment]

import argparse
import time
from collections.abc import Callable

import yaml

from groupcheck import yamlsource
from groupcheck.discovery import discover


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="+")
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--without-libyaml", action="store_true")
    args = parser.parse_args(argv)
    loader = yaml.SafeLoader if args.without_libyaml else yaml.CSafeLoader

    raw: list[bytes] = []
    for name in discover(args.data).files[: args.files]:
        try:
            data = yamlsource.decode(yamlsource.read_bytes(name))
            yamlsource.parse(data)
            yaml.load(data, Loader=loader)
        except (yamlsource.SourceProblem, yaml.YAMLError, ValueError):
            continue
        raw.append(data)
    raw *= args.repeat
    clock = time.process_time

    def timed(label: str, work: Callable[[bytes], object], note: str = "") -> None:
        start = clock()
        for data in raw:
            work(data)
        print(f"{label:<44} {clock() - start:6.2f} s  {note}".rstrip())

    if args.without_libyaml:
        print(yamlsource.parser_in_use())
        timed("groupcheck parse (Python parser)", yamlsource.parse)
        timed("SafeLoader", lambda data: yaml.load(data, Loader=loader), f"({len(raw):,} files)")
        return 0

    from yaml._yaml import CParser

    start, events = clock(), 0
    stream_end = yaml.StreamEndEvent
    for data in raw:
        stream = CParser(data)
        while type(stream.get_event()) is not stream_end:
            events += 1
        stream.dispose()
    print(f"{'stock events, nothing built':<44} {clock() - start:6.2f} s  ({events:,} events)")
    timed("groupcheck parse, PyYAML stock (a library)", yamlsource.parse)
    if not yamlsource.install_lean_events():
        print("lean events: this PyYAML cannot take them")
        return 1
    timed("groupcheck parse, lean events (the command)", yamlsource.parse)
    timed("CSafeLoader", lambda data: yaml.load(data, Loader=loader), f"({len(raw):,} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
