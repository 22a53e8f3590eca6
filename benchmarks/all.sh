#!/bin/sh
# Every figure of docs/performance.md, in the order it was measured (about six minutes on 2 idle cores).
set -e
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# Start-up is measured with compiled modules, as an install has them (an editable install where
# PYTHONDONTWRITEBYTECODE is set would otherwise compile every changed module on every start).
$PY -m compileall -q src
$PY benchmarks/startup.py --runs 15    # one group beside yamllint; --version, --help
$PY benchmarks/run.py --sizes 1000 --jobs 1,2 --peer-sizes 1000
$PY benchmarks/run.py --sizes 10000 --jobs 1,2 --peer-sizes "" --startup-runs 0
$PY benchmarks/run.py --sizes 40000 --jobs 2 --peer-sizes "" --startup-runs 0
