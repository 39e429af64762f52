"""Writes of the competencies app: records, and requirements set in bulk.

Every function is keyword-only, runs in one transaction and is what admin views, imports, the
courses app (completing a session) and seed_demo call.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from competencies import policy
from competencies.compliance_cache import compliance_touch
from competencies.exceptions import CompetencyError
from competencies.models import (
    Agency,
    Competency,
    CompetencyRecord,
    ComplianceTarget,
    Domain,
    Level,
    Requirement,
    RoleProfile,
    StaffMember,
)


def record_expiry(
    *,
    competency: Competency,
    level: int,
    achieved_on: datetime.date,
    refresh_months: int | None = None,
) -> datetime.date:
    """When a record lapses: the module's refresh period if given, else the level's."""
    if refresh_months is None:
        refresh_months = (
            Level.objects.filter(framework_id=competency.framework_id, number=level)
            .values_list("refresh_months", flat=True)
            .first()
        )
        if refresh_months is None:
            raise CompetencyError("LEVEL_UNKNOWN", level=level)
    return achieved_on + relativedelta(months=refresh_months)


@transaction.atomic
def record_create(
    *,
    staff: StaffMember,
    competency: Competency,
    level: int,
    achieved_on: datetime.date,
    source: str,
    recorded_by=None,
    expires_on: datetime.date | None = None,
    refresh_months: int | None = None,
    source_detail: str = "",
) -> CompetencyRecord:
    """Record that `staff` holds `competency` at `level` from `achieved_on`.

    The expiry is `expires_on` when given, else derived from the module's refresh period
    (`refresh_months`) or the level's. Raises CompetencyError when the competency is not
    assessed at that level or the dates are inconsistent.
    """
    if level not in competency.levels_assessed:
        raise CompetencyError(
            "LEVEL_NOT_ASSESSED", competency=competency.code, level=level
        )
    if expires_on is None:
        expires_on = record_expiry(
            competency=competency,
            level=level,
            achieved_on=achieved_on,
            refresh_months=refresh_months,
        )
    if expires_on < achieved_on:
        raise CompetencyError("EXPIRES_BEFORE_ACHIEVED")
    return CompetencyRecord.objects.create(
        staff=staff,
        competency=competency,
        level=level,
        achieved_on=achieved_on,
        expires_on=expires_on,
        source=source,
        source_detail=source_detail,
        recorded_by=recorded_by,
    )


@transaction.atomic
def record_revoke(
    *, record: CompetencyRecord, reason: str, revoked_by=None, when=None
) -> CompetencyRecord:
    """Revoke a record: it stays as history but never counts towards compliance again."""
    record = CompetencyRecord.objects.select_for_update().get(pk=record.pk)
    if record.revoked_at is not None:
        raise CompetencyError("ALREADY_REVOKED")
    if not reason.strip():
        raise CompetencyError("REASON_REQUIRED")
    record.revoked_at = when or timezone.now()
    record.revoked_reason = reason.strip()
    record.revoked_by = revoked_by
    record.save(
        update_fields=["revoked_at", "revoked_reason", "revoked_by", "updated_at"]
    )
    log(
        instance=record,
        action="competencies.record.revoke",
        user=revoked_by,
        data={"reason": record.revoked_reason},
    )
    return record


@transaction.atomic
def requirements_set(*, role_profile: RoleProfile, levels: dict[int, int]) -> None:
    """Make the role profile require each competency id at the given minimum level.

    Existing requirements of other competencies stay; a listed one is updated in place.
    """
    existing = {
        r.competency_id: r
        for r in Requirement.objects.filter(role_profile=role_profile)
    }
    to_create, to_update = [], []
    for competency_id, level in levels.items():
        req = existing.get(competency_id)
        if req is None:
            to_create.append(
                Requirement(
                    role_profile=role_profile,
                    competency_id=competency_id,
                    min_level=level,
                )
            )
        elif req.min_level != level:
            req.min_level = level
            to_update.append(req)
    Requirement.objects.bulk_create(to_create)
    Requirement.objects.bulk_update(to_update, ["min_level"])
    # Bulk writes send no signals: the profile's people are refreshed here (at the end of a
    # compliance_deferred block, inside one).
    if to_create or to_update:
        compliance_touch(
            StaffMember.objects.filter(role_profile=role_profile).values_list(
                "pk", flat=True
            )
        )


@transaction.atomic
def requirements_set_for_domain(
    *, role_profile: RoleProfile, domain: Domain, level: int, user=None
) -> int:
    """Require `level` for every competency of `domain` in one step (the admin's role-profile
    shortcut), with an audit-log entry on the role profile.

    A competency not assessed at that level is required at the highest level it is assessed
    at below it (asking level 4 of SA1.1, assessed to level 3, requires level 3), since a
    record can never be made at a level not assessed; competencies not assessed at or below
    the level are skipped. Returns how many requirements were set.
    """
    if domain.framework_id != role_profile.framework_id:
        raise CompetencyError("DOMAIN_OTHER_FRAMEWORK")
    levels = {}
    for competency in domain.competencies.all():
        assessed = [n for n in competency.levels_assessed if n <= level]
        if assessed:
            levels[competency.pk] = max(assessed)
    requirements_set(role_profile=role_profile, levels=levels)
    log(
        instance=role_profile,
        action="competencies.requirements.domain",
        user=user,
        data={"domain": domain.code, "level": level, "competencies": len(levels)},
    )
    return len(levels)


STAFF_EXPORT = "competencies.staff.export"
RECORDS_EXPORT = "competencies.records.export"


@transaction.atomic
def export_log(
    *, user, action: str, rows_by_agency: dict[int, int], fmt: str, purpose: str = ""
) -> None:
    """Record who downloaded a list naming staff (STAFF_EXPORT) or their records
    (RECORDS_EXPORT): one audit entry on each agency the list covers, so the agency's history
    shows who took its people's names away, when, in which format and how many rows. The
    entry holds counts, never names (erasure need not chase it).
    """
    for agency in Agency.objects.filter(pk__in=rows_by_agency).order_by("pk"):
        data = {"format": fmt, "rows": rows_by_agency[agency.pk]}
        if purpose:
            data["purpose"] = purpose
        log(instance=agency, action=action, user=user, data=data)


TARGET_SET = "competencies.target.set"
TARGET_REMOVE = "competencies.target.remove"


@transaction.atomic
def target_set(
    *, board, percent: int, user, sector: str = "", role_level: int | None = None
) -> ComplianceTarget:
    """Set a board's compliance target, board-wide or for one sector and/or role level
    (replacing the one there was), audited on the board. Only its chair or an administrator
    may (TARGET_NOT_CHAIR); a target is 1-100 (TARGET_RANGE)."""
    if not policy.may_set_targets(user, board):
        raise CompetencyError("TARGET_NOT_CHAIR")
    if not 1 <= percent <= 100:
        raise CompetencyError("TARGET_RANGE")
    target, _created = ComplianceTarget.objects.update_or_create(
        board=board, sector=sector, role_level=role_level, defaults={"percent": percent}
    )
    log(
        instance=board,
        action=TARGET_SET,
        user=user,
        data={"sector": sector, "role_level": role_level, "percent": percent},
    )
    return target


@transaction.atomic
def target_remove(*, target: ComplianceTarget, user) -> None:
    """Remove a target; the figures it covered fall back to the board's wider one."""
    if not policy.may_set_targets(user, target.board):
        raise CompetencyError("TARGET_NOT_CHAIR")
    log(
        instance=target.board,
        action=TARGET_REMOVE,
        user=user,
        data={
            "sector": target.sector,
            "role_level": target.role_level,
            "percent": target.percent,
        },
    )
    target.delete()
