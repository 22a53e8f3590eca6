"""Format v1 as pydantic models: the charter, the rotation log, and a loaded group.

Only identity is required; every policy item is optional here, because its absence is a rule's
finding (a missing council is GC104), not a schema error. Unknown fields are errors, so a typo
never passes silently. Enum values are English; the Chinese terms the seeds use are accepted as
synonyms (``role: 干部`` is ``cadre``) and stored in their English form, each enum reading only
its own words from ``groupcheck.vocabulary``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from groupcheck.findings import YamlPath
from groupcheck.vocabulary import (
    CHANNEL,
    DIMENSION,
    GROUP_MODEL,
    LEVEL,
    RELATION,
    ROLE,
    SCOPE,
    USE,
    Vocabulary,
    other_enum,
)
from groupcheck.vocabulary import Channel as Channel
from groupcheck.vocabulary import Dimension as Dimension
from groupcheck.vocabulary import GroupModel as GroupModel
from groupcheck.vocabulary import Level as Level
from groupcheck.vocabulary import Relation as Relation
from groupcheck.vocabulary import Role as Role
from groupcheck.vocabulary import Scope as Scope
from groupcheck.vocabulary import Use as Use

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ACADEMIC_YEAR_PATTERN = r"^\d{4}-\d{4}$"


class Strict(BaseModel):
    # defer_build: a model's validator is built on first use, not when its class is created.
    # The charter's and the log's validators hold their parts inline, so the parts (Member,
    # Council, Exchange ...) never need one of their own: 13 fewer built per start-up.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        defer_build=True,
    )


def _words_of(vocabulary: Vocabulary[Any]) -> BeforeValidator:
    """Read a word of ``vocabulary``'s enum as its English value (``干部`` → ``cadre``); a word
    of another enum is an error that names it (``role: 教师发展`` is an evaluation dimension)."""
    enum = vocabulary.enum
    # Every word as written, to its English value: looked up first, in one step, since a run
    # reads a role for every exchange (a 40,000-group run, about four million).
    values = {
        word: found.value
        for word in vocabulary.words
        if word == word.strip() and (found := vocabulary.find(word)) is not None
    }

    def read(value: Any) -> Any:
        if type(value) is str:
            known = values.get(value)
            if known is not None:
                return known
        elif not isinstance(value, str):
            return value
        found = vocabulary.find(value)
        if found is not None:
            return found.value
        elsewhere = other_enum(value, enum)
        if elsewhere is not None:
            other, meant = elsewhere
            raise PydanticCustomError(
                "other_enum",
                "{value} is {other} ({other_value}), not {kind}",
                {
                    "value": value.strip(),
                    "enum": enum.__name__,
                    "kind": vocabulary.name_en,
                    "other_enum": other.enum.__name__,
                    "other": other.name_en,
                    "other_value": meant.value,
                },
            )
        return value

    return BeforeValidator(read)


def _no_boolean(value: Any) -> Any:
    """pydantic would read a YAML ``yes``/``true`` as the number 1: a count, a year or an amount
    written as a yes/no is a mistake, reported as such (the loader words it)."""
    if isinstance(value, bool):
        raise PydanticCustomError("boolean_number", "expected a number, found a yes/no value")
    return value


def _amount_pattern() -> str:
    """The amount text the loader reads, as one regular expression that means the same in
    Python and in an editor's ECMAScript (explicit classes, no ``\\d`` or ``\\s``).

    A whole number of yuan: digits (ASCII or full-width), optionally in comma groups of three
    (``,`` or ``，``); ``.0`` after it; or 万 (10,000) after a number with at most four
    significant decimals (``20.5万``), and an optional 元. Spaces may surround the number, 万 and
    元. At most 10¹² yuan (``MAX_YUAN``): 12 digits, 8 before 万, or exactly 10¹².
    """
    space = r"[ \t\n\r\u00a0\u3000]*"
    digit = r"[0-9\uff10-\uff19]"
    zero = r"[0\uff10]"
    comma = r"[,\uff0c]"
    dot = r"[.\uff0e]"

    def number(most: int) -> str:
        grouped = [
            f"{digit}{{1,{head}}}(?:{comma}{digit}{{3}}){{{groups}}}"
            for groups in range(1, (most - 1) // 3 + 1)
            for head in [min(3, most - 3 * groups)]
        ]
        return "(?:" + "|".join([*grouped, f"{digit}{{1,{most}}}"]) + ")"

    one, nought = r"[1\uff11]", zero
    most = f"{one}(?:(?:{comma}{nought}{{3}}){{4}}|{nought}{{12}})"  # 1,000,000,000,000
    most_wan = f"{one}(?:{nought}{{2}}(?:{comma}{nought}{{3}}){{2}}|{nought}{{8}})"  # 1亿 in 万
    yuan = f"(?:{number(12)}|{most})(?:{dot}{zero}+)?"
    wan = f"(?:{number(8)}(?:{dot}{digit}{{1,4}}{zero}*)?|{most_wan}(?:{dot}{zero}+)?){space}万"
    return f"^{space}(?:{yuan}|{wan}){space}(?:元{space})?$"


AMOUNT_PATTERN = _amount_pattern()
"""Amount text (``"200,000元"``, ``"20万元"``, ``"２５万"``, ``"20.5万"``); the JSON Schema
carries this very pattern, and the loader reads a string as an amount exactly when
``re.search`` (what a JSON Schema validator does) finds it."""
_AMOUNT = re.compile(AMOUNT_PATTERN)
_AMOUNT_PARTS = re.compile(r"([0-9,]+)(?:\.([0-9]+))?(万)?")
_LOOSE_AMOUNT = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(万)?元?")
_TO_ASCII = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
MAX_YUAN = 10**12


def _parse_amount(value: Any) -> Any:
    """Accept 200000, "200,000元", "20万元", "25万", "20.5万"; any other text is a schema error."""
    value = _no_boolean(value)
    if not isinstance(value, str):
        return value
    if _AMOUNT.search(value) is None:
        raise _amount_problem(value)
    parts = _AMOUNT_PARTS.match("".join(value.translate(_TO_ASCII).split()))
    assert parts is not None  # the pattern matched: the text starts with digits
    whole, fraction, wan = parts.group(1).replace(",", ""), parts.group(2) or "", parts.group(3)
    if wan:
        return int(whole) * 10_000 + int((fraction + "0000")[:4])
    return int(whole)


def _amount_problem(value: str) -> PydanticCustomError:
    """Why text is not an amount: a fraction of a yuan, too large, or not an amount at all."""
    loose = _LOOSE_AMOUNT.fullmatch("".join(unicodedata.normalize("NFKC", value).split()))
    if loose is not None and loose.group(1).isascii():
        whole, fraction, wan = loose.group(1).replace(",", ""), loose.group(2) or "", loose.group(3)
        yuan = Decimal(f"{whole}.{fraction or 0}") * (10_000 if wan else 1)
        if yuan != yuan.to_integral_value():
            return PydanticCustomError("yuan_fraction", "amount must be a whole number of yuan")
        if yuan > MAX_YUAN:
            return PydanticCustomError("yuan_too_large", "the amount is too large")
    return PydanticCustomError(
        "yuan_amount",
        'amount must be a whole number of yuan such as 200000, "200,000元", "20万元" or "25万"',
    )


def _academic_year(value: str) -> str:
    first, second = (int(part) for part in value.split("-"))
    if second != first + 1:
        raise PydanticCustomError(
            "academic_year_pair",
            "academic year must be two consecutive years such as {first}-{following}",
            {"first": first, "following": first + 1},
        )
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=100)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
AcademicYear = Annotated[
    str, StringConstraints(pattern=ACADEMIC_YEAR_PATTERN), AfterValidator(_academic_year)
]
_NoBoolean = BeforeValidator(_no_boolean)
CalendarYear = Annotated[int, Field(ge=1949, le=2100), _NoBoolean]
# A group founded before 1949 or after 2100 is a typo (1011-07-30), and judging every year since
# would bury the one real mistake under thousands of findings: refuse it as a schema error.


def _iso_date(value: Any) -> Any:
    """A date is written as a date: a number (``1719792000``, ``0``) or digits in quotes would
    otherwise be read by pydantic as seconds since 1970, a member "left" on 1970-01-01."""
    if type(value) is dt.date:  # as YAML gives a date written as one: most of them
        return value
    if isinstance(value, bool | int | float) or (
        isinstance(value, str) and _NOT_A_DATE.fullmatch(value.strip()) is not None
    ):
        raise PydanticCustomError("date_parsing", "input is not a date")
    return value


_NOT_A_DATE = re.compile(r"[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?")
Date = Annotated[
    dt.date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
EstablishedDate = Annotated[
    dt.date, Field(ge=dt.date(1949, 1, 1), le=dt.date(2100, 12, 31)), BeforeValidator(_iso_date)
]
Yuan = Annotated[
    int,
    BeforeValidator(_parse_amount),
    Field(ge=0, le=MAX_YUAN),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_YUAN},
                {"type": "string", "pattern": AMOUNT_PATTERN},
            ]
        }
    ),
]


LevelField = Annotated[Level, _words_of(LEVEL)]
GroupModelField = Annotated[GroupModel, _words_of(GROUP_MODEL)]
RelationField = Annotated[Relation, _words_of(RELATION)]
RoleField = Annotated[Role, _words_of(ROLE)]
UseField = Annotated[Use, _words_of(USE)]
ChannelField = Annotated[Channel, _words_of(CHANNEL)]
DimensionField = Annotated[Dimension, _words_of(DIMENSION)]
ScopeField = Annotated[Scope, _words_of(SCOPE)]


class CoreSchool(Strict):
    id: Slug
    name: Text
    teachers: Annotated[int, Field(ge=0, le=100_000), _NoBoolean] | None = None


class Member(Strict):
    id: Slug
    name: Text
    relation: RelationField | None = None
    joined: Date | None = None
    left: Date | None = None

    def current_on(self, day: dt.date) -> bool:
        """A member counts from ``joined`` through the day before ``left``."""
        if self.joined is not None and self.joined > day:
            return False
        return self.left is None or self.left > day

    @property
    def left_before_joined(self) -> bool:
        """``left`` earlier than ``joined``: a GC002 error, and the member counts for nothing."""
        return self.joined is not None and self.left is not None and self.left < self.joined

    def membership(self) -> tuple[dt.date, dt.date] | None:
        """The days it is a member, first and last (both included), or None for no day at all.

        From ``joined`` (or the beginning of time) through the day before ``left`` (or the end
        of time): ``joined: 2022-09-01, left: 2022-09-01`` is a member on no day.
        """
        first = self.joined if self.joined is not None else dt.date.min
        if self.left is None:
            return first, dt.date.max
        if self.left <= first:
            return None
        return first, self.left - dt.timedelta(days=1)


class Collaborator(Strict):
    id: Slug
    name: Text


class CouncilMember(Strict):
    name: Text
    school: Slug | None = None


class Council(Strict):
    chair: Text | None = None
    members: list[CouncilMember] = []
    filed_with: Text | None = None
    filed_on: Date | None = None


class Document(Strict):
    title: Text | None = None
    adopted: Date | None = None


class DevelopmentPlan(Strict):
    title: Text | None = None
    start_year: CalendarYear | None = None
    end_year: CalendarYear | None = None

    @property
    def horizon(self) -> int | None:
        """How many years the plan covers, counted as Chinese plans count them: 三年发展规划
        （2023—2025年） is a three-year plan, ``end_year − start_year + 1``."""
        if self.start_year is None or self.end_year is None:
            return None
        return self.end_year - self.start_year + 1

    def current_in(self, year: int) -> bool:
        """Whether the plan covers ``year``, or starts the year after (the next plan of a group
        preparing it counts as current: GC107)."""
        if self.start_year is None:
            return False
        if self.start_year == year + 1:
            return True
        return self.end_year is not None and self.start_year <= year <= self.end_year


class Documents(Strict):
    """The "five one" system (五个一, 000)."""

    work_plan: Document | None = None
    charter: Document | None = None
    management_rules: Document | None = None
    development_plan: DevelopmentPlan | list[DevelopmentPlan] | None = None
    """One plan, or a list of them (the current one and those before or after it)."""
    research_project: Document | None = None

    def plans(self) -> list[tuple[YamlPath, DevelopmentPlan]]:
        """Every development plan with its YAML path, whether one mapping or a list."""
        plan = self.development_plan
        where: YamlPath = ("documents", "development_plan")
        if plan is None:
            return []
        if isinstance(plan, DevelopmentPlan):
            return [(where, plan)]
        return [((*where, index), item) for index, item in enumerate(plan)]


class Agreement(Strict):
    """What an out-of-district group's agreement must state (003 district plan 三(二))."""

    staff_keep_relationship: bool | None = None
    host_pays_staff_costs: bool | None = None
    trusteeship_fee_yuan: Yuan | None = None
    signed_on: dt.date | None = None
    """When it was signed: 003 "签署相关协议后方可实施", so on or before ``established``."""


class Approval(Strict):
    scope: ScopeField | None = None
    approved_by: Text | None = None
    approved_on: Date | None = None
    document_no: Text | None = None
    agreement: Agreement | None = None


class Funding(Strict):
    year: CalendarYear
    amount_yuan: Yuan
    source: Text | None = None
    channel: ChannelField = Channel.FINANCE
    """财政拨款 unless said otherwise: GC301 adds up only the channels of its ``channels``."""
    uses: list[UseField] = []


class Evaluation(Strict):
    academic_year: AcademicYear
    date: Date | None = None
    by: Text | None = None
    dimensions: list[DimensionField] = []


class Waiver(Strict):
    rule: Annotated[str, StringConstraints(pattern=r"^GC\d{3}$")]
    year: AcademicYear | CalendarYear | None = None
    reason: Text
    approved_by: Text | None = None
    document_no: Text | None = None
    expires: Date | None = None

    @property
    def year_label(self) -> str | None:
        return None if self.year is None else str(self.year)


class Charter(Strict):
    id: Slug
    name: Text
    jurisdiction: Text
    level: LevelField | None = None
    model: GroupModelField
    established: EstablishedDate
    core_school: CoreSchool
    members: list[Member] = []
    collaborators: list[Collaborator] = []
    council: Council | None = None
    documents: Documents | None = None
    approval: Approval | None = None
    funding: list[Funding] = []
    evaluations: list[Evaluation] = []
    waivers: list[Waiver] = []

    def school_ids(self) -> set[str]:
        """The core school, its members and collaborators."""
        return (
            {self.core_school.id}
            | {m.id for m in self.members}
            | {c.id for c in self.collaborators}
        )

    def member(self, school_id: str) -> Member | None:
        """The member school ``school_id`` (its first entry), or None for another school."""
        return next((m for m in self.members if m.id == school_id), None)

    def school_name(self, school_id: str) -> str:
        if school_id == self.core_school.id:
            return self.core_school.name
        for member in self.members:
            if member.id == school_id:
                return member.name
        for collaborator in self.collaborators:
            if collaborator.id == school_id:
                return collaborator.name
        return school_id


class Exchange(Strict):
    person: Text
    staff_no: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    role: RoleField
    backbone: bool = False
    from_: Slug = Field(alias="from")
    to: Slug
    start: Date
    end: Date

    @property
    def person_key(self) -> str:
        """Who this is: the staff number where given, else the name (GC204)."""
        return f"#{self.staff_no}" if self.staff_no else self.person


class RotationLog(Strict):
    group: Slug
    exchanges: list[Exchange] = []


@dataclass(frozen=True)
class ExchangeEntry:
    """An exchange with the file and YAML path it came from (logs are merged across files)."""

    exchange: Exchange
    file: str
    yaml_path: YamlPath


Posting = tuple[str, dt.date, dt.date, str, int, str]
"""An exchange with a staff number, as the cross-group check reads it (GC204): staff_no,
start, end, the log file, the exchange's index in it, the person's name."""


@dataclass(frozen=True)
class Group:
    """A group as the rules see it: its charter and the merged exchanges of all its logs."""

    folder: str
    charter_file: str
    charter: Charter
    log_files: tuple[str, ...] = ()
    exchanges: tuple[ExchangeEntry, ...] = ()
    unread_logs: tuple[str, ...] = ()
    """Logs that could not be read in full (a GC001–GC005 finding in them): the exchanges are
    incomplete, so the rules that read them (GC201–GC206) make no verdict for this group."""
    postings: tuple[Posting, ...] | None = None
    """The staff-numbered exchanges, when the group was sent without its exchanges (a parallel
    run's parent); None means: worked out from ``exchanges``."""

    def staff_postings(self) -> tuple[Posting, ...]:
        """The exchanges that name a ``staff_no`` and run forwards in time (GC204 across groups:
        a person is one person in every group; names alone are not compared)."""
        if self.postings is not None:
            return self.postings
        return tuple(
            (e.staff_no, e.start, e.end, entry.file, int(entry.yaml_path[-1]), e.person)
            for entry in self.exchanges
            if (e := entry.exchange).staff_no and e.end >= e.start
        )

    def staff_numbers(self) -> frozenset[str]:
        """The staff numbers of ``staff_postings``: GC204 across groups looks at the postings
        of the numbers two groups share only (a cached group gives them without building its
        postings)."""
        return frozenset(posting[0] for posting in self.staff_postings())

    def established_after(self, as_of: dt.date) -> bool:
        """Whether the group is not yet established on ``as_of`` (``established`` after it):
        then no policy rule judges it (GC006 says so)."""
        return self.charter.established > as_of

    @property
    def id(self) -> str:
        return self.charter.id


class SchoolIndex:
    """A group's schools by id and by name, for the 派出学校 / 接收学校 columns."""

    def __init__(self, charter: Charter) -> None:
        schools = [(charter.core_school.id, charter.core_school.name)]
        schools += [(m.id, m.name) for m in charter.members]
        schools += [(c.id, c.name) for c in charter.collaborators]
        self.ids = {school_id for school_id, _ in schools}
        self.by_name: dict[str, set[str]] = {}
        for school_id, name in schools:
            self.by_name.setdefault(name.strip(), set()).add(school_id)

    def resolve(self, value: str) -> tuple[str | None, list[str]]:
        """(id, []) when found; (None, candidate ids) when ambiguous; (None, []) when unknown."""
        if value in self.ids:
            return value, []
        found = sorted(self.by_name.get(value, set()))
        if len(found) == 1:
            return found[0], []
        return None, found

    def unique_name(self, school_id: str, charter: Charter) -> str:
        """The name to write for ``school_id``: its name when that finds it again, else the id."""
        name = charter.school_name(school_id)
        resolved, _ = self.resolve(name.strip())
        return name if resolved == school_id else school_id
