"""Where a one-process run's CPU time goes, phase by phase (docs/performance.md, "Profile").

    .venv/bin/python benchmarks/phases.py benchmarks/data/g1000

Each phase is timed on its own (process CPU time), in the order a run does them; the parse
floor (CSafeLoader on the same bytes) is printed beside them for scale. As in a real run, the
cycle collector is paused while the groups are loaded and checked.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time

import yaml

from groupcheck import engine, reporters, yamlsource
from groupcheck.discovery import discover
from groupcheck.loader import discovery_findings, load_group


def main(root: str) -> int:
    import groupcheck

    clock = time.process_time
    run = engine.Run(as_of=dt.date(2026, 11, 25), lang="en", pack=groupcheck.load_pack(None))
    engine.registry()
    yamlsource.install_lean_events()  # as the command does (docs/performance.md)
    phases: dict[str, float] = {}

    gc.disable()  # what groupcheck.parallel does while a run builds its models
    t = clock()
    found = discover([root])
    phases["discovery (walk the folders)"] = clock() - t

    t = clock()
    raw = []
    for name in found.files:
        try:
            raw.append(yamlsource.decode(yamlsource.read_bytes(name)))
        except yamlsource.SourceProblem:
            continue
    phases["read + UTF-8 check"] = clock() - t

    t = clock()
    for data in raw:
        try:
            yamlsource.parse(data)
        except yamlsource.SourceProblem:
            continue
    phases["parse (event builder, no positions)"] = clock() - t

    t = clock()
    loaded_groups, unloaded, load_findings = [], [], []
    for source in found.groups:
        group, failed, findings = load_group(source, run.lang)
        load_findings += findings
        if group is not None:
            loaded_groups.append(group)
        if failed is not None:
            unloaded.append(failed)
    load_total = clock() - t
    phases["models (pydantic) + load findings"] = (
        load_total - phases["read + UTF-8 check"] - phases["parse (event builder, no positions)"]
    )

    t = clock()
    rules = [
        (spec, context)
        for spec, context in engine._phase_rules(run, engine.registry(), "policy", ())
        if spec.scope != "run"
    ]
    unlocated, figures = engine._run_group_rules(loaded_groups, rules, run.as_of)
    phases["group rules (GC1xx-GC3xx)"] = clock() - t

    t = clock()
    located = engine.locate(unlocated)
    phases["locate findings (re-parse files with findings)"] = clock() - t

    t = clock()
    loaded = engine.Loaded(
        loaded_groups, unloaded, load_findings + discovery_findings(found), len(found.files)
    )
    result = engine.check(loaded, run, "bench", checked=located, figures=figures)
    phases["run rules, waivers, GC5xx, report model"] = clock() - t

    t = clock()
    reporters.render("json", result, lang="en", color=False, width=120)
    phases["JSON output"] = clock() - t

    gc.enable()
    total = sum(phases.values())
    for name, seconds in phases.items():
        print(f"{name:<48} {seconds:7.2f} s  {seconds / total:6.1%}")
    print(f"{'total':<48} {total:7.2f} s")

    t = clock()
    for data in raw:
        try:
            yaml.load(data, Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, ValueError):
            continue
    print(f"{'(parse floor: CSafeLoader on the same bytes)':<48} {clock() - t:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
