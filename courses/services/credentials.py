"""Accepting a credential someone brings from elsewhere: a verified Open Badges credential
from a trusted issuer becomes competency records with source "credential from <issuer>".

The credential must verify (courses.credentials.verify: signature against the issuer's DID
document, dates, status list), its issuer must be this partnership or on the trusted list, its
hashed email must be the person's work email, and its alignments must reach our competencies
through the crosswalk (courses.policy.credential_competency_targets). Anything else raises a
CredentialError saying exactly why, and nothing is written.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from competencies.exceptions import CompetencyError
from competencies.models import Competency, CompetencyRecord, StaffMember
from competencies.services import record_create
from courses import policy
from courses.credentials import verify
from courses.credentials.keys import issuer_did
from courses.credentials.payload import identity_hash
from courses.exceptions import CredentialError
from courses.models import AcceptedCredential, TrustedIssuer
from courses.services.notices import audit

REFUSALS = {
    verify.UNKNOWN_ISSUER: "UNKNOWN_ISSUER",
    verify.TAMPERED: "TAMPERED",
    verify.REVOKED: "REVOKED",
    verify.UNVERIFIABLE: "UNVERIFIABLE",
    verify.UNCHECKED: "UNCHECKED",
}


def trusted_issuer_dids() -> list[str]:
    return list(TrustedIssuer.objects.filter(active=True).values_list("did", flat=True))


def _subject(credential: dict) -> dict:
    subject = credential.get("credentialSubject") or {}
    subject = subject[0] if isinstance(subject, list) and subject else subject
    return subject if isinstance(subject, dict) else {}


def _is_holder(subject: dict, staff: StaffMember) -> bool:
    for identity in subject.get("identifier") or []:
        if (
            isinstance(identity, dict)
            and identity.get("hashed") is True
            and identity.get("identityType") == "emailAddress"
        ):
            salt = str(identity.get("salt") or "")
            if identity.get("identityHash") == identity_hash(staff.email, salt):
                return True
    return False


def _aligned(achievement: dict) -> tuple[list[tuple[Competency, dict]], list[str]]:
    """(competencies here that its alignments name by CASE identifier, names not found)."""
    found, missing = [], []
    for alignment in achievement.get("alignment") or []:
        if not isinstance(alignment, dict):
            continue
        url = str(alignment.get("targetUrl") or "")
        label = str(alignment.get("targetCode") or alignment.get("targetName") or url)
        try:
            sourced_id = uuid.UUID(url.rstrip("/").rsplit("/", 1)[-1])
        except ValueError:
            missing.append(label)
            continue
        competency = Competency.objects.filter(sourced_id=sourced_id).first()
        if competency is None:
            missing.append(label)
        else:
            found.append((competency, alignment))
    return found, missing


def _date(value) -> datetime.date | None:
    moment = verify._parse_time(value)
    return moment.date() if moment else None


def credential_accept(
    *, staff: StaffMember, token: str, by, now: datetime.datetime | None = None
) -> AcceptedCredential:
    """Turn a credential `staff` brings into competency records, audited as
    courses.credential.accept. Raises CredentialError (nothing written) when it is not
    trusted, does not verify, is revoked or expired, is someone else's, or maps to none of
    our competencies."""
    now = now or timezone.now()
    trusted = {i.did: i.name for i in TrustedIssuer.objects.filter(active=True)}
    outcome = verify.credential_check(token=token, trusted_dids=list(trusted), now=now)
    if outcome.status in REFUSALS:
        raise CredentialError(
            REFUSALS[outcome.status],
            issuer=outcome.issuer or "?",
            reason=str(outcome.reason),
        )
    credential = outcome.credential
    if outcome.status == verify.EXPIRED:
        raise CredentialError(
            "EXPIRED", date=_date(credential.get("validUntil")) or "?"
        )
    subject = _subject(credential)
    if not _is_holder(subject, staff):
        raise CredentialError("NOT_THIS_PERSON", staff=staff.full_name)
    achievement = subject.get("achievement") or {}
    achievement = achievement if isinstance(achievement, dict) else {}
    name = str(achievement.get("name") or credential.get("name") or "")[:255]
    level = achievement.get("level")
    if not isinstance(level, int) or not 1 <= level <= 5:
        raise CredentialError("NO_LEVEL", achievement=name)
    aligned, unmapped = _aligned(achievement)
    targets = policy.credential_competency_targets(c for c, _ in aligned)
    ours = []
    for competency, _alignment in aligned:
        if targets.get(competency):
            ours.extend(targets[competency])
        else:
            unmapped.append(competency.code)
    if not ours:
        raise CredentialError("NO_MAPPING", unmapped=", ".join(unmapped) or "-")
    issuer = credential.get("issuer")
    issuer_name = (
        trusted.get(outcome.issuer)
        or (issuer.get("name") if isinstance(issuer, dict) else "")
        or outcome.issuer
    )[:200]
    if outcome.issuer == issuer_did():
        issuer_name = str(issuer.get("name", issuer_name))[:200]
    achieved_on = _date(credential.get("validFrom")) or now.date()
    expires_on = _date(credential.get("validUntil"))
    try:
        with transaction.atomic():
            accepted = AcceptedCredential.objects.create(
                staff=staff,
                credential_id=str(credential.get("id") or "")[:255],
                issuer_did=outcome.issuer[:255],
                issuer_name=issuer_name,
                achievement_name=name,
                accepted_at=now,
                accepted_by=by,
            )
            records = []
            for competency in dict.fromkeys(ours):
                try:
                    records.append(
                        record_create(
                            staff=staff,
                            competency=competency,
                            level=level,
                            achieved_on=achieved_on,
                            expires_on=expires_on,
                            source=CompetencyRecord.Source.CREDENTIAL,
                            source_detail=f"credential from {issuer_name}"[:255],
                            recorded_by=by,
                        )
                    )
                except CompetencyError as exc:
                    raise CredentialError(
                        "LEVEL_NOT_ASSESSED", competency=competency.code, level=level
                    ) from exc
            accepted.records.set(records)
            audit(
                staff,
                "courses.credential.accept",
                by,
                issuer=outcome.issuer,
                credential=accepted.credential_id,
                records=[r.pk for r in records],
            )
    except IntegrityError as exc:
        raise CredentialError("ALREADY_ACCEPTED", staff=staff.full_name) from exc
    return accepted
