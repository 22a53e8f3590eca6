"""A loaded group as plain data: the ``report.GroupRecord`` that the printed report and the
export read instead of the charter models (reporters import no model).

``record_of(group, as_of)`` copies what those outputs show of a group (its identity, its
schools with their state on the as-of date, its waivers with approval and validity, its
exchanges with their schools named as the register writes them); ``engine.RunResult.records``
calls it, with the rules' printout-only figures (``measured``), when a reporter first asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from groupcheck.models import Charter, Group, SchoolIndex
from groupcheck.report import ExchangeRecord, Figure, GroupRecord, SchoolRecord, WaiverRecord


def record_of(
    group: Group, as_of: dt.date, measured: Mapping[str, tuple[Figure, ...]] | None = None
) -> GroupRecord:
    """The record of ``group`` as of ``as_of`` (``measured``: see ``GroupRecord.measured``)."""
    charter = group.charter
    council = charter.council
    approval = charter.approval
    return GroupRecord(
        id=charter.id,
        name=charter.name,
        file=group.charter_file,
        folder=group.folder,
        jurisdiction=charter.jurisdiction,
        model=charter.model.value,
        level=charter.level.value if charter.level is not None else None,
        established=charter.established,
        core_school=charter.core_school.name,
        core_teachers=charter.core_school.teachers,
        members_current=sum(1 for m in charter.members if m.current_on(as_of)),
        council_chair=council.chair if council is not None else None,
        council_filed_with=council.filed_with if council is not None else None,
        council_filed_on=council.filed_on if council is not None else None,
        approved_by=approval.approved_by if approval is not None else None,
        approval_no=approval.document_no if approval is not None else None,
        approved_on=approval.approved_on if approval is not None else None,
        log_files=tuple(group.log_files),
        unread_logs=tuple(group.unread_logs),
        schools=_schools(charter, as_of),
        waivers=tuple(
            WaiverRecord(
                rule=w.rule,
                year=w.year_label,
                reason=w.reason,
                approved_by=w.approved_by,
                document_no=w.document_no,
                expires=w.expires,
                expired=w.expires is not None and w.expires < as_of,
            )
            for w in charter.waivers
        ),
        exchanges=_exchanges(group),
        measured=dict(measured or {}),
    )


def _schools(charter: Charter, as_of: dt.date) -> tuple[SchoolRecord, ...]:
    core = charter.core_school
    rows = [SchoolRecord(core.id, core.name, "core", joined=charter.established)]
    for member in charter.members:
        if member.current_on(as_of):
            state = "current"
        elif member.joined is not None and member.joined > as_of:
            state = "not_yet"
        else:
            state = "left"
        rows.append(
            SchoolRecord(
                member.id,
                member.name,
                "member",
                relation=member.relation.value if member.relation is not None else None,
                joined=member.joined or charter.established,
                left=member.left,
                state=state,  # type: ignore[arg-type]
            )
        )
    rows += [SchoolRecord(c.id, c.name, "collaborator") for c in charter.collaborators]
    return tuple(rows)


def _exchanges(group: Group) -> tuple[ExchangeRecord, ...]:
    if not group.exchanges:
        return ()
    charter = group.charter
    schools = SchoolIndex(charter)
    names: dict[str, str] = {}

    def name(school_id: str) -> str:
        found = names.get(school_id)
        if found is None:
            found = names[school_id] = schools.unique_name(school_id, charter)
        return found

    return tuple(
        ExchangeRecord(
            person=e.exchange.person,
            staff_no=e.exchange.staff_no,
            role=e.exchange.role.value,
            backbone=e.exchange.backbone,
            source=name(e.exchange.from_),
            destination=name(e.exchange.to),
            start=e.exchange.start,
            end=e.exchange.end,
            file=e.file,
        )
        for e in group.exchanges
    )
