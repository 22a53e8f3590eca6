"""The parse floor: every YAML file under a folder read and parsed by PyYAML's CSafeLoader.

``python benchmarks/floor.py DATA --jobs N`` does nothing else: no models, no rules, no
report. With ``--jobs N`` the files are split over N processes, as ``groupcheck validate
--jobs N`` splits its groups, so the floor ratio compares like with like. A file that does not
parse (the benchmark's broken files) is counted and skipped, as a failed parse costs what it
costs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys

import yaml


def yaml_files(root: str) -> list[str]:
    found: list[str] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames.sort()
        found += [os.path.join(folder, n) for n in sorted(filenames) if n.endswith(".yaml")]
    return found


def parse_all(files: list[str]) -> tuple[int, int]:
    """(files parsed, files refused)."""
    parsed = refused = 0
    for path in files:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            yaml.load(data, Loader=yaml.CSafeLoader)
            parsed += 1
        except (yaml.YAMLError, ValueError):
            refused += 1
    return parsed, refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    files = yaml_files(args.data)
    if args.jobs <= 1:
        parsed, refused = parse_all(files)
    else:
        size = max(1, len(files) // (args.jobs * 16))
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            counts = pool.map(parse_all, chunks)
        parsed, refused = sum(c[0] for c in counts), sum(c[1] for c in counts)
    print(f"{parsed} files parsed, {refused} refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
