"""A seeded, deterministic generator of synthetic charter repositories for the benchmark.

``python benchmarks/generate.py OUT --groups 10000`` writes ``OUT/`` as a province's or the
nation's charter repository would look: ``<province>/<city>/<group>/charter.yaml`` with its
rotation logs (``rotations/<academic year>.yaml`` for most groups, one ``rotations.yaml`` for
the others). The same seed and size always give the same bytes.

Each group has 1–5 member schools (6 where it is meant to break the member limit), Chinese
names, 5–10 years of history up to the benchmark's date (2026-11-25): funding for every
calendar year, an evaluation for every academic year, and 20–80 exchanges (two cadres a year,
enough first-year teachers for the 15% share, the rest teachers). Groups are clean unless
their *slot* says otherwise: in each block of 100 consecutive groups, a seeded permutation
gives every group a slot, and slots name the failure it carries, so every kind of rule
failure appears in a fixed few percent of groups (see ``KINDS``), at any size.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

AS_OF_YEAR = 2026
"""The benchmark judges as of 2026-11-25: the academic year 2025-2026 is the last judged."""

DEFAULT_SEED = 20261125

# Slot → the failure a group carries. Slots not listed are clean groups (about 60%).
KINDS: dict[int, str] = {
    0: "GC101",
    1: "GC101",
    2: "GC102",
    3: "GC102",
    4: "GC103",
    5: "GC103",
    6: "GC104",
    7: "GC104",
    8: "GC105",
    9: "GC105",
    10: "GC106",
    11: "GC106",
    12: "GC201",
    13: "GC201",
    14: "GC202",
    15: "GC202",
    16: "GC203",
    17: "GC203",
    18: "GC204",
    19: "GC204",
    20: "GC205",
    21: "GC205",
    22: "GC301",
    23: "GC301",
    24: "GC302",
    25: "GC302",
    26: "GC401",  # 26 and 27 of one block share a member school
    27: "GC401",
    28: "GC402",  # takes the id of the next group, which then has a twin
    29: "GC107",  # its only development plan ended before the as-of year
    30: "waived",  # a GC201 failure covered by a current waiver
    31: "GC501",
    32: "GC502",
    33: "GC503",
    34: "broken-syntax",  # GC001 in one log
    35: "broken-duplicate-key",  # GC003 in the charter
    36: "broken-charter-schema",  # GC002: the charter does not load
    37: "broken-exchange-schema",  # GC002 in one exchange, the rest salvaged
    38: "broken-unsafe-tag",  # GC004 in one log
    39: "broken-log-group",  # GC005: a log naming another group
    40: "broken-tab",  # GC001: a tab in the charter's indentation
}
ORPHAN_EVERY = 200
"""One folder in this many groups holds a rotation log with no charter (GC005)."""

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力志斌宇浩凯俊鹏飞鑫波斌"
    "晨欣怡佳琪雪梅林峰海燕云丹慧颖亮雷倩婷宁东坤国庆春晓雯博瑞涵子轩梓睿思远嘉诚一鸣"
)
PROVINCES = (
    ("shandong", "山东省", ("济南市", "青岛市", "淄博市", "泰安市", "潍坊市", "临沂市")),
    ("henan", "河南省", ("郑州市", "洛阳市", "商丘市", "南阳市", "开封市", "新乡市")),
    ("hunan", "湖南省", ("长沙市", "郴州市", "衡阳市", "岳阳市", "常德市", "株洲市")),
    ("jiangsu", "江苏省", ("南京市", "苏州市", "无锡市", "徐州市", "扬州市", "南通市")),
    ("sichuan", "四川省", ("成都市", "绵阳市", "德阳市", "宜宾市", "南充市", "泸州市")),
    ("guangdong", "广东省", ("广州市", "深圳市", "佛山市", "东莞市", "珠海市", "汕头市")),
    ("hebei", "河北省", ("石家庄市", "保定市", "唐山市", "邯郸市", "沧州市", "廊坊市")),
    ("zhejiang", "浙江省", ("杭州市", "宁波市", "温州市", "绍兴市", "嘉兴市", "金华市")),
)
DISTRICTS = (
    "市中区",
    "历下区",
    "城关区",
    "高新区",
    "经开区",
    "东城区",
    "西城区",
    "南湖区",
    "北城区",
)
NUMERALS = "一二三四五六七八九十"
LEVELS = (("primary", "小学"), ("junior", "中学"), ("nine-year", "学校"), ("senior", "高级中学"))
MODELS = ("tight", "alliance", "hybrid")
USES = ("teacher_training", "curriculum", "research", "culture")
DIMENSIONS = "[school, teacher, student, recognition, potential]"


def numeral(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十三)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass
class Person:
    name: str
    staff_no: str


@dataclass
class Ex:
    person: Person
    role: str
    backbone: bool
    source: str
    target: str
    start: str
    end: str
    extra: str = ""
    """Raw YAML lines appended to the entry (used by the broken kinds)."""


@dataclass
class Plan:
    """One group before it is written: everything the YAML is made of."""

    index: int
    kind: str
    group_id: str
    folder: str
    name: str
    province: str
    city: str
    level: str
    level_word: str
    established_year: int
    core_id: str
    core_name: str
    teachers: int
    members: list[tuple[str, str]]
    exchanges: dict[int, list[Ex]] = field(default_factory=dict)
    split_logs: bool = True
    fail_year: int = 0
    """The academic year a GC201 failure (or its waiver) is about."""


def group_id_of(index: int) -> str:
    return f"group-{index:05d}"


def slot_of(index: int, seed: int) -> int:
    block, position = divmod(index, 100)
    slots = list(range(100))
    random.Random(f"{seed}/slots/{block}").shuffle(slots)
    return slots[position]


def kind_of(index: int, seed: int) -> str:
    return KINDS.get(slot_of(index, seed), "clean")


def plan_group(index: int, seed: int) -> Plan:
    rng = random.Random(f"{seed}/group/{index}")
    kind = kind_of(index, seed)
    province_slug, province, cities = PROVINCES[index % len(PROVINCES)]
    city_index = (index // len(PROVINCES)) % len(cities)
    city = cities[city_index]
    district = rng.choice(DISTRICTS)
    level, level_word = rng.choice(LEVELS)
    years = rng.randint(5, 10)
    established_year = AS_OF_YEAR - years
    core_number = rng.randint(1, 60)
    core_name = f"{city}{district}第{numeral(core_number)}{level_word}"
    group_id = group_id_of(index)
    core_id = f"{group_id}-core"
    member_count = 6 if kind == "GC101" else rng.randint(1, 5)
    members = [
        (
            f"{group_id}-m{k}",
            f"{city}{district}{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{level_word}",
        )
        for k in range(1, member_count + 1)
    ]
    if kind == "GC401":
        block = index // 100
        members[0] = (
            f"shared-school-{block:04d}",
            f"{city}共享{numeral(block % 99 + 1)}{level_word}",
        )
    plan = Plan(
        index=index,
        kind=kind,
        group_id=group_id,
        folder=f"{province_slug}/city-{city_index + 1:02d}/{group_id}",
        name=f"{core_name}教育集团",
        province=province,
        city=city,
        level=level,
        level_word=level_word,
        established_year=established_year,
        core_id=core_id,
        core_name=core_name,
        teachers=0,
        members=members,
        split_logs=rng.random() < 0.7,
    )
    _plan_exchanges(plan, rng, years)
    return plan


def _plan_exchanges(plan: Plan, rng: random.Random, years: int) -> None:
    """Two cadres every year (two-year terms), first-year teachers above 15%, then teachers."""
    total = rng.randint(20, 80)
    cadres = 2 * years
    first_teachers = max(3, min(total - cadres, rng.randint(6, 18)))
    # The core school's headcount: the first-year teachers are 15–25% of it.
    plan.teachers = max(first_teachers, int(first_teachers / rng.uniform(0.15, 0.25)))
    if plan.kind == "GC203":
        plan.teachers = math.ceil(first_teachers / 0.15) + rng.randint(5, 40)
    staff = iter(range(1, 10_000))
    members = [m[0] for m in plan.members]

    def person() -> Person:
        name = (
            rng.choice(SURNAMES)
            + rng.choice(GIVEN)
            + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        )
        # A staff number names one person in the whole run (GC204 compares them across groups).
        return Person(name, f"{plan.index:06d}-{next(staff):04d}")

    def add(year: int, role: str, term: int, backbone: bool = False) -> Ex:
        ex = Ex(
            person(),
            role,
            backbone,
            plan.core_id,
            rng.choice(members),
            f"{year}-09-01",
            f"{year + term}-08-31",
        )
        plan.exchanges.setdefault(year, []).append(ex)
        return ex

    first = plan.established_year
    fail_year = first + 1 + rng.randrange(years - 2)  # never the first or last judged year
    for year in range(first, first + years):
        if plan.kind in ("GC201", "waived") and year == fail_year - 1:
            continue
        for _ in range(1 if plan.kind in ("GC201", "waived") and year == fail_year else 2):
            add(year, "cadre", 2)
    for _ in range(first_teachers):
        add(first, "teacher", rng.choice((2, 3)), backbone=rng.random() < 0.25)
    for _ in range(max(0, total - cadres - first_teachers)):
        year = rng.randint(first + 1, first + years)  # first + years: the year in progress
        add(year, "teacher", rng.choice((2, 3, 3, 4)), backbone=rng.random() < 0.25)
    later = [y for y in plan.exchanges if y > first]
    victim_year = rng.choice(later) if later else first
    victims = [e for e in plan.exchanges[victim_year] if e.role == "teacher"] or plan.exchanges[
        victim_year
    ]
    victim = rng.choice(victims)
    if plan.kind == "GC202":
        victim.end = f"{victim_year + 1}-08-31"
    elif plan.kind == "GC204":
        again = Ex(
            victim.person,
            "teacher",
            False,
            plan.core_id,
            rng.choice(members),
            f"{victim_year + 1}-02-20",
            f"{victim_year + 3}-02-19",
        )
        plan.exchanges[victim_year].append(again)
    elif plan.kind == "GC205":
        victim.target = f"{plan.group_id}-elsewhere"
    elif plan.kind == "broken-exchange-schema":
        victim.start = f"{victim_year}-09-31"
    plan.fail_year = fail_year


def _academic(year: int) -> str:
    return f"{year}-{year + 1}"


def charter_yaml(plan: Plan, seed: int) -> str:
    rng = random.Random(f"{seed}/charter/{plan.index}")
    kind = plan.kind
    first = plan.established_year
    years = range(first, AS_OF_YEAR)
    group_id = group_id_of(plan.index + 1) if kind == "GC402" else plan.group_id
    month, day = rng.randint(3, 8), rng.randint(1, 28)
    lines = [
        f"# {plan.name}: synthetic benchmark charter {plan.index} ({kind})",
        f"id: {group_id}",
        f"name: {plan.name}",
        f"jurisdiction: {plan.province}{plan.city}",
        f"level: {plan.level}",
        f"model: {rng.choice(MODELS)}",
        f"established: {first}-{month:02d}-{day:02d}",
        "core_school:",
        f"  id: {plan.core_id}",
        f"  name: {plan.core_name}",
    ]
    if kind == "broken-duplicate-key":
        lines.append(f"  name: {plan.core_name}")
    lines.append(f"  teachers: {plan.teachers}")
    lines.append("memebers:" if kind == "broken-charter-schema" else "members:")
    for member_id, member_name in plan.members:
        lines += [
            f"  - id: {member_id}",
            f"    name: {member_name}",
            f"    relation: {rng.choice(('integration', 'combination', '融合型'))}",
        ]
    chair = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    lines += ["council:", f"  chair: {chair}", "  members:"]
    lines += [f"    - name: {chair}", f"      school: {plan.core_id}"]
    for member_id, _ in plan.members:
        lines += [
            f"    - name: {rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}",
            f"      school: {member_id}",
        ]
    if kind == "broken-tab":
        lines[-1] = "\t" + lines[-1].lstrip()
    lines.append(f"  filed_with: {plan.city}教育局")
    if kind != "GC104":
        lines.append(f"  filed_on: {first}-{month:02d}-{min(day + 14, 28):02d}")
    adopted = f"{first}-{min(month + 1, 8):02d}-25"
    lines.append("documents:")
    for key, title in (
        ("work_plan", "工作方案"),
        ("charter", "章程"),
        ("management_rules", "管理制度汇编"),
    ):
        if kind == "GC102" and key == "management_rules":
            continue
        lines += [f"  {key}:", f"    title: {plan.name}{title}", f"    adopted: {adopted}"]
    span = 7 if kind == "GC103" else rng.randint(3, 5)  # years, both ends counted (GC103)
    plans = [(first, first + span - 1)]
    # The next plan follows the last one until one covers the as-of year (GC107), as a group
    # in good standing adopts its next plan when the last one ends; a GC107 group stops at one.
    while kind != "GC107" and plans[-1][1] < AS_OF_YEAR:
        start = plans[-1][1] + 1
        plans.append((start, start + rng.randint(3, 5) - 1))
    lines.append("  development_plan:")
    for start, end in plans:
        lead, rest = ("    ", "    ") if len(plans) == 1 else ("    - ", "      ")
        lines += [
            f"{lead}title: {plan.name}{start}—{end}年发展规划",
            f"{rest}start_year: {start}",
            f"{rest}end_year: {end}",
        ]
    lines += [
        "  research_project:",
        f"    title: 集团内{rng.choice(('课程', '课堂', '教研', '评价'))}协同研究",
        f"    adopted: {adopted}",
        "approval:",
        "  scope: in-district",
        f"  approved_by: {plan.city}教育局",
        f"  approved_on: {first}-{month:02d}-{day:02d}",
    ]
    if kind != "GC105":
        lines.append(f"  document_no: 教发〔{first}〕{rng.randint(1, 99)}号")
    lines.append("funding:")
    short_year = rng.choice(list(years))
    for year in years:
        amount: int | str = rng.choice((200000, 220000, 250000, 300000, "20万元", "25万"))
        if kind in ("GC301", "GC501", "GC503") and year == short_year:
            amount = 150000
        shown = f'"{amount}"' if isinstance(amount, str) else str(amount)
        uses = rng.sample(USES, rng.randint(1, 3))
        if kind == "GC302" and year == short_year:
            uses.append("other")
        lines += [
            f"  - year: {year}",
            f"    amount_yuan: {shown}",
            f"    source: {plan.city}财政局集团化办学专项经费",
            f"    uses: [{', '.join(uses)}]",
        ]
    lines.append("evaluations:")
    skipped = rng.choice(list(years)) if kind == "GC106" else None
    for year in years:
        if year == skipped:
            continue
        lines += [
            f'  - academic_year: "{_academic(year)}"',
            f"    date: {year + 1}-07-{rng.randint(1, 20):02d}",
            f"    by: {plan.city}教育局",
            f"    dimensions: {DIMENSIONS}",
        ]
    waiver = _waiver(plan, short_year)
    if waiver:
        lines += ["waivers:", *waiver]
    return "\n".join(lines) + "\n"


def _waiver(plan: Plan, short_year: int) -> list[str]:
    kind = plan.kind
    fail_year = plan.fail_year
    if kind == "waived":
        rule, year, expires = "GC201", f'"{_academic(fail_year)}"', "2027-08-31"
    elif kind == "GC501":
        rule, year, expires = "GC301", str(short_year), "2026-06-30"
    elif kind == "GC502":
        rule, year, expires = "GC102", "", "2027-12-31"
    elif kind == "GC503":
        rule, year, expires = "GC301", str(short_year), "2026-12-10"
    else:
        return []
    lines = [f"  - rule: {rule}"]
    if year:
        lines.append(f"    year: {year}")
    return [
        *lines,
        "    reason: 区财政调整拨付进度，经区教育局批准暂缓",
        f"    approved_by: {plan.city}教育局",
        f"    document_no: 教豁〔{AS_OF_YEAR}〕{plan.index % 97 + 1}号",
        f"    expires: {expires}",
    ]


def log_yaml(plan: Plan, entries: list[Ex], title: str, group_id: str) -> str:
    lines = [f"# {plan.name}: rotation log {title}", f"group: {group_id}", "exchanges:"]
    for ex in entries:
        lines += [
            f"  - person: {ex.person.name}",
            f'    staff_no: "{ex.person.staff_no}"',
            f"    role: {ex.role}",
        ]
        if ex.backbone:
            lines.append("    backbone: true")
        lines += [
            f"    from: {ex.source}",
            f"    to: {ex.target}",
            f"    start: {ex.start}",
            f"    end: {ex.end}",
        ]
    return "\n".join(lines) + "\n"


def group_files(index: int, seed: int) -> dict[str, str]:
    """Relative path → text, for one group (and its orphan folder, where it has one)."""
    plan = plan_group(index, seed)
    files = {f"{plan.folder}/charter.yaml": charter_yaml(plan, seed)}
    group_id = group_id_of(index + 1) if plan.kind == "GC402" else plan.group_id
    years = sorted(plan.exchanges)
    logs: list[tuple[str, str, list[Ex]]] = []
    if plan.split_logs:
        for year in years:
            name = f"{plan.folder}/rotations/{_academic(year)}.yaml"
            logs.append((name, _academic(year), plan.exchanges[year]))
    else:
        everything = [ex for year in years for ex in plan.exchanges[year]]
        logs.append((f"{plan.folder}/rotations.yaml", "(all years)", everything))
    broken_log = len(logs) // 2
    for position, (name, title, entries) in enumerate(logs):
        text = log_yaml(plan, entries, title, group_id)
        if position == broken_log:
            text = _break_log(plan, text)
        files[name] = text
    if index % ORPHAN_EVERY == ORPHAN_EVERY - 1:
        orphan = f"{plan.folder}-archive/rotations.yaml"
        files[orphan] = log_yaml(plan, plan.exchanges[years[0]][:2], "archived", group_id)
    return files


def _break_log(plan: Plan, text: str) -> str:
    kind = plan.kind
    if kind == "broken-syntax":
        return text.replace("    role: ", '    role: "', 1)
    if kind == "broken-unsafe-tag":
        return text.replace("    role: ", "    role: !!python/object/apply:os.system ", 1)
    if kind == "broken-log-group":
        return text.replace(f"group: {plan.group_id}", f"group: {group_id_of(plan.index + 7)}", 1)
    return text


Writer = Callable[[str, str], None]


def _write_range(args: tuple[str, int, int, int]) -> tuple[int, int]:
    root, start, stop, seed = args
    count = size = 0
    made: set[str] = set()
    for index in range(start, stop):
        for relative, text in group_files(index, seed).items():
            path = os.path.join(root, relative)
            folder = os.path.dirname(path)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            data = text.encode("utf-8")
            with open(path, "wb") as handle:
                handle.write(data)
            count += 1
            size += len(data)
    return count, size


def generate(root: str, groups: int, seed: int = DEFAULT_SEED, workers: int = 1) -> tuple[int, int]:
    """Write ``groups`` groups under ``root``; returns (files, bytes)."""
    os.makedirs(root, exist_ok=True)
    step = max(1, min(1000, groups // max(1, workers * 4) or 1))
    ranges = [(root, start, min(groups, start + step), seed) for start in range(0, groups, step)]
    if workers <= 1:
        results = [_write_range(r) for r in ranges]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_write_range, ranges))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write (created; must be empty or absent)")
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if os.path.isdir(args.out) and os.listdir(args.out):
        print(f"generate: {args.out} is not empty", file=sys.stderr)
        return 2
    files, size = generate(args.out, args.groups, args.seed, args.workers)
    print(f"{args.out}: {args.groups} groups, {files} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
