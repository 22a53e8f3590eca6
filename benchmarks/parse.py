"""Parsing alone, three ways, on the same files (docs/performance.md, "Where the time goes").

    .venv/bin/python benchmarks/parse.py benchmarks/data/g10000 --files 20000

Process CPU time of: iterating libyaml's stock Python events and doing nothing with them (what
any builder on ``yaml._yaml.CParser`` pays before it does anything); groupcheck's whole parse
(``yamlsource.parse``, the happy path, no positions); PyYAML's ``CSafeLoader``. Files that
either refuses (the repository's deliberately broken ones) are left out of all three. The
machine's speed drifts: run it twice, and compare figures of one run.
"""

from __future__ import annotations

import argparse
import sys
import time

import yaml
from yaml._yaml import CParser

from groupcheck import yamlsource
from groupcheck.discovery import discover


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--files", type=int, default=20_000)
    args = parser.parse_args(argv)

    raw: list[bytes] = []
    for name in discover([args.data]).files[: args.files]:
        try:
            data = yamlsource.decode(yamlsource.read_bytes(name))
            yamlsource.parse(data)
            yaml.load(data, Loader=yaml.CSafeLoader)
        except (yamlsource.SourceProblem, yaml.YAMLError, ValueError):
            continue
        raw.append(data)
    clock = time.process_time

    start, events = clock(), 0
    stream_end = yaml.StreamEndEvent
    for data in raw:
        stream = CParser(data)
        while type(stream.get_event()) is not stream_end:
            events += 1
        stream.dispose()
    print(f"{'stock events, nothing built':<36} {clock() - start:6.2f} s  ({events:,} events)")

    start = clock()
    for data in raw:
        yamlsource.parse(data)
    print(f"{'groupcheck parse (lean events)':<36} {clock() - start:6.2f} s")

    start = clock()
    for data in raw:
        yaml.load(data, Loader=yaml.CSafeLoader)
    print(f"{'CSafeLoader':<36} {clock() - start:6.2f} s  ({len(raw):,} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
