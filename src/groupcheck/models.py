"""Format v1 as pydantic models: the charter, the rotation log, and a loaded group.

Only identity is required; every policy item is optional here, because its absence is a rule's
finding (a missing council is GC104), not a schema error. Unknown fields are errors, so a typo
never passes silently. Enum values are English; the Chinese terms the seeds use are accepted as
synonyms (``role: 干部`` is ``cadre``) and stored in their English form.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from groupcheck.findings import YamlPath

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ACADEMIC_YEAR_PATTERN = r"^\d{4}-\d{4}$"


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True
    )


class Level(StrEnum):
    PRESCHOOL = "preschool"
    PRIMARY = "primary"
    JUNIOR = "junior"
    SENIOR = "senior"
    NINE_YEAR = "nine-year"
    TWELVE_YEAR = "twelve-year"
    MIXED = "mixed"


class GroupModel(StrEnum):
    """How tightly the core school runs the group (002, 003)."""

    TIGHT = "tight"  # 紧密型
    ALLIANCE = "alliance"  # 联盟型
    HYBRID = "hybrid"  # 混合型
    TRUSTEESHIP = "trusteeship"  # 托管型


class Relation(StrEnum):
    """A member school's relation to the core school (000)."""

    INTEGRATION = "integration"  # 融合型
    COMBINATION = "combination"  # 联合型


class Role(StrEnum):
    CADRE = "cadre"  # 干部
    TEACHER = "teacher"  # 教师


class Use(StrEnum):
    TEACHER_TRAINING = "teacher_training"
    CURRICULUM = "curriculum"
    RESEARCH = "research"
    CULTURE = "culture"
    MANAGEMENT = "management"
    OTHER = "other"


class Dimension(StrEnum):
    """The five dimensions of the annual evaluation (004)."""

    SCHOOL = "school"
    TEACHER = "teacher"
    STUDENT = "student"
    RECOGNITION = "recognition"
    POTENTIAL = "potential"


class Scope(StrEnum):
    IN_DISTRICT = "in-district"
    OUT_OF_DISTRICT = "out-of-district"


SYNONYMS: dict[str, str] = {
    "紧密型": "tight",
    "紧密": "tight",
    "联盟型": "alliance",
    "联盟": "alliance",
    "混合型": "hybrid",
    "混合": "hybrid",
    "托管型": "trusteeship",
    "托管": "trusteeship",
    "融合": "integration",
    "融合型": "integration",
    "联合": "combination",
    "联合型": "combination",
    "干部": "cadre",
    "教师": "teacher",
    "学前": "preschool",
    "小学": "primary",
    "初中": "junior",
    "高中": "senior",
    "九年一贯制": "nine-year",
    "十二年一贯制": "twelve-year",
    "区内": "in-district",
    "跨区": "out-of-district",
    "学校发展": "school",
    "教师发展": "teacher",
    "学生发展": "student",
    "社会认可": "recognition",
    "发展潜力": "potential",
    "教师培训": "teacher_training",
    "课程建设": "curriculum",
    "教研": "research",
    "文化建设": "culture",
    "管理": "management",
    "其他": "other",
}


def _synonym(value: Any) -> Any:
    if isinstance(value, str):
        return SYNONYMS.get(value.strip(), value)
    return value


def _no_boolean(value: Any) -> Any:
    """pydantic would read a YAML ``yes``/``true`` as the number 1: a count, a year or an amount
    written as a yes/no is a mistake, reported as such (the loader words it)."""
    if isinstance(value, bool):
        raise PydanticCustomError("boolean_number", "expected a number, found a yes/no value")
    return value


_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万)?(元)?")
"""200000, 200,000 (commas between groups of three digits only), 20.5万, 25万元."""


def _parse_amount(value: Any) -> Any:
    """Accept 200000, "200,000元", "20万元", "25万", "20.5万"; anything else is a schema error."""
    value = _no_boolean(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).replace(" ", "")
        match = _AMOUNT.fullmatch(text)
        if match is None:
            raise PydanticCustomError(
                "yuan_amount",
                'amount must be a whole number of yuan such as 200000, "200,000元", "20万元" '
                'or "25万"',
            )
        digits, fraction, wan = match.group(1), match.group(2) or "", match.group(3)
        scaled = float(digits.replace(",", "") + fraction) * (10_000 if wan else 1)
        if scaled != int(scaled):
            raise PydanticCustomError("yuan_fraction", "amount must be a whole number of yuan")
        return int(scaled)
    return value


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
EstablishedDate = Annotated[dt.date, Field(ge=dt.date(1949, 1, 1), le=dt.date(2100, 12, 31))]
Yuan = Annotated[int, BeforeValidator(_parse_amount), Field(ge=0, le=10**12)]


_FromChinese = BeforeValidator(_synonym)
LevelField = Annotated[Level, _FromChinese]
GroupModelField = Annotated[GroupModel, _FromChinese]
RelationField = Annotated[Relation, _FromChinese]
RoleField = Annotated[Role, _FromChinese]
UseField = Annotated[Use, _FromChinese]
DimensionField = Annotated[Dimension, _FromChinese]
ScopeField = Annotated[Scope, _FromChinese]


class CoreSchool(Strict):
    id: Slug
    name: Text
    teachers: Annotated[int, Field(ge=0, le=100_000), _NoBoolean] | None = None


class Member(Strict):
    id: Slug
    name: Text
    relation: RelationField | None = None
    joined: dt.date | None = None
    left: dt.date | None = None

    def current_on(self, day: dt.date) -> bool:
        """A member counts from ``joined`` through the day before ``left``."""
        if self.joined is not None and self.joined > day:
            return False
        return self.left is None or self.left > day


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
    filed_on: dt.date | None = None


class Document(Strict):
    title: Text | None = None
    adopted: dt.date | None = None


class DevelopmentPlan(Strict):
    title: Text | None = None
    start_year: CalendarYear | None = None
    end_year: CalendarYear | None = None


class Documents(Strict):
    """The "five one" system (五个一, 000)."""

    work_plan: Document | None = None
    charter: Document | None = None
    management_rules: Document | None = None
    development_plan: DevelopmentPlan | None = None
    research_project: Document | None = None


class Agreement(Strict):
    """What an out-of-district group's agreement must state (003 district plan 三(二))."""

    staff_keep_relationship: bool | None = None
    host_pays_staff_costs: bool | None = None
    trusteeship_fee_yuan: Yuan | None = None


class Approval(Strict):
    scope: ScopeField | None = None
    approved_by: Text | None = None
    approved_on: dt.date | None = None
    document_no: Text | None = None
    agreement: Agreement | None = None


class Funding(Strict):
    year: CalendarYear
    amount_yuan: Yuan
    source: Text | None = None
    uses: list[UseField] = []


class Evaluation(Strict):
    academic_year: AcademicYear
    date: dt.date | None = None
    by: Text | None = None
    dimensions: list[DimensionField] = []


class Waiver(Strict):
    rule: Annotated[str, StringConstraints(pattern=r"^GC\d{3}$")]
    year: AcademicYear | CalendarYear | None = None
    reason: Text
    approved_by: Text | None = None
    document_no: Text | None = None
    expires: dt.date | None = None

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
    start: dt.date
    end: dt.date

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


@dataclass(frozen=True)
class Group:
    """A group as the rules see it: its charter and the merged exchanges of all its logs."""

    folder: str
    charter_file: str
    charter: Charter
    log_files: tuple[str, ...] = ()
    exchanges: tuple[ExchangeEntry, ...] = ()

    @property
    def id(self) -> str:
        return self.charter.id
