"""Open the Word report in LibreOffice, as an inspector's office suite would, and print it.

``python benchmarks/docx_to_pdf.py [PATH...] [--out DIR] [-- REPORT ARGS]`` writes
``groupcheck report PATH --output DIR/report.docx`` (the bundled ``charters/`` by default),
converts it with ``soffice --headless --convert-to pdf`` and prints the seconds each step took,
the PDF's pages and the fonts LibreOffice embedded (``pdffonts``): Chinese text should come
out in a CJK face (FangSong/SimSun where Windows fonts are installed, else fontconfig's
substitute for 仿宋/宋体/黑体), never as empty boxes. The test suite reads the .docx back with
python-docx (tests/test_report_docx.py); LibreOffice, some 300 MB, is this script's alone.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "charters")])
    parser.add_argument("--out", type=Path, help="keep the .docx and .pdf here")
    parser.add_argument("--as-of", default="2026-11-24")
    args, extra = parser.parse_known_args(argv)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(
            "LibreOffice is not installed (sudo apt-get install libreoffice-writer); "
            "nothing converted",
            file=sys.stderr,
        )
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="docx-to-pdf-"))
    out.mkdir(parents=True, exist_ok=True)
    docx = out / "report.docx"
    started = time.perf_counter()
    written = subprocess.run(
        [sys.executable, "-m", "groupcheck", "report", *args.paths, "--output", str(docx),
         "--as-of", args.as_of, *[a for a in extra if a != "--"]],
        cwd=ROOT, check=False,
    )  # fmt: skip
    if written.returncode != 0:
        return written.returncode
    wrote = time.perf_counter() - started
    started = time.perf_counter()
    converted = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    took = time.perf_counter() - started
    pdf = out / "report.pdf"
    if converted.returncode != 0 or not pdf.exists():
        print(f"LibreOffice could not convert {docx}: {converted.stderr.strip()}", file=sys.stderr)
        return 1
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=False)
    print(f"report.docx written in {wrote:.1f} s; converted by LibreOffice in {took:.1f} s")
    print(f"{pdf}: {pages.group(1) if pages else '?'} pages")
    print(fonts.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
