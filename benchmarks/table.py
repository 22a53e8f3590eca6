"""The Markdown tables of docs/performance.md, from ``benchmarks/out/results-*.json``.

.venv/bin/python benchmarks/table.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def main() -> int:
    rows = []
    for path in sorted(OUT.glob("results-*.json")):
        rows += json.loads(path.read_text())["sizes"]
    rows.sort(key=lambda r: r["groups"])
    print(
        "| groups | MB | --jobs | wall s | CPU s | groups/s | MB/s | groups per CPU-s "
        "| peak RSS MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        for jobs, m in sorted(row["groupcheck"].items()):
            print(
                f"| {row['groups']:,} | {row['megabytes']:.1f} | {jobs} | {m['wall']:.1f} "
                f"| {m['cpu']:.1f} | {row['groups'] / m['wall']:,.0f} "
                f"| {row['megabytes'] / m['wall']:.2f} | {row['groups'] / m['cpu']:,.0f} "
                f"| {m['peak_rss_mb']:,.0f} |"
            )
    print()
    print(
        "| groups | processes | floor wall s | floor CPU s | floor ratio (wall) "
        "| floor ratio (CPU) | peer wall s | peer CPU s | peer ratio (wall) | peer ratio (CPU) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        for jobs, m in sorted(row["groupcheck"].items()):
            floor = row["floor"][jobs]
            peer = row["peer"].get(jobs)
            peer_cells = (
                f"{peer['wall']:.1f} | {peer['cpu']:.1f} | {m['wall'] / peer['wall']:.2f} "
                f"| {m['cpu'] / peer['cpu']:.2f}"
                if peer
                else "– | – | – | –"
            )
            print(
                f"| {row['groups']:,} | {jobs} | {floor['wall']:.1f} | {floor['cpu']:.1f} "
                f"| {m['wall'] / floor['wall']:.2f} | {m['cpu'] / floor['cpu']:.2f} "
                f"| {peer_cells} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
