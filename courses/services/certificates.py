"""Issuing and revoking certificates. Called from the register and evaluation services.

A certificate is due when a completed session's register marks a confirmed booking as
attended, and, where the module asks for it, the attendee has sent the evaluation. Issuing is
idempotent (one current certificate per booking); a correction revokes, and a later re-issue
gets a new number. Refresher training is a new booking and so a new certificate: earlier
ones stay as history. Nothing here runs from a migration or an upgrade.
"""

import contextlib
import datetime
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.credentials.status import slot_for
from courses.models import (
    Booking,
    Certificate,
    CertificateSequence,
    Session,
)
from courses.policy import attended_in_full, certificate_due, full_attendance_q
from courses.services.locks import now_or
from courses.services.notices import audit, notifications_are_silenced

# No 0/O, 1/I/L: the code is also typed in from paper. 16 of 31 symbols is about 79 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def _next_number(year: int) -> str:
    """The next number of the year, e.g. WMSAP-2026-000123, taken under a row lock."""
    try:
        with transaction.atomic():
            CertificateSequence.objects.get_or_create(year=year)
    except IntegrityError:  # created by a concurrent issue a moment ago
        pass
    sequence = CertificateSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{settings.CERTIFICATE_PREFIX}-{year}-{sequence.last:06d}"


def _trainer_names(session: Session) -> str:
    names = [u.get_full_name() or u.get_username() for u in session.trainers.all()]
    return ", ".join(sorted(names))


def certificate_issue(
    *, booking: Booking, session: Session, by=None, now: datetime.datetime | None = None
) -> Certificate:
    """Issue the booking's certificate, or return the current one. Call inside a transaction
    holding the booking's lock (the register and evaluation services do)."""
    current = Certificate.objects.current().filter(booking=booking).first()
    if current is not None:
        return current
    now = now_or(now)
    module = session.module
    staff = booking.staff
    records = list(booking.competency_records.filter(revoked_at__isnull=True))
    expiries = [r.expires_on for r in records if r.expires_on]
    certificate = Certificate.objects.create(
        booking=booking,
        staff=staff,
        number=_next_number(timezone.localtime(now).year),
        verification_code=new_verification_code(),
        issued_at=now,
        expires_on=min(expiries) if expiries else None,
        holder_name=staff.full_name,
        agency_name=staff.agency.name,
        module_title=module.title,
        module_level=module.level,
        competencies=[
            {
                "code": link.competency.code,
                "title": link.competency.title,
                "level": link.level,
                "id": str(link.competency.sourced_id),
            }
            for link in module.delivered_competencies.select_related("competency")
        ],
        learning_hours=module.duration_hours,
        session_date=session.local_date,
        trainer_names=_trainer_names(session)[:500],
        subject_salt=secrets.token_hex(16),
    )
    # Its revocation bit in a status list (courses.credentials.status): the slot follows
    # from the primary key, so it is set once the row has one.
    certificate.status_list, certificate.status_index = slot_for(certificate.pk)
    Certificate.objects.filter(pk=certificate.pk).update(
        status_list=certificate.status_list, status_index=certificate.status_index
    )
    audit(certificate, "courses.certificate.issue", by, booking=booking.pk)
    if not notifications_are_silenced():
        from courses.tasks import send_certificate_email

        certificate_id = certificate.pk
        transaction.on_commit(
            lambda: send_certificate_email.enqueue(certificate_id=certificate_id)
        )
    return certificate


def certificate_revoke(
    *, certificate: Certificate, reason: str, by, now: datetime.datetime | None = None
) -> Certificate:
    """Revoke a certificate: it verifies as revoked from now on, with the date.

    Its Open Badges credential is revoked by the same change: the status list at
    /credentials/status/<list>/ is drawn from the certificates, so its bit is set from now on
    (courses.credentials.status).
    """
    if certificate.revoked_at:
        return certificate
    certificate.revoked_at = now_or(now)
    certificate.revoked_reason = reason[:255]
    certificate.revoked_by = by
    certificate.save(
        update_fields=["revoked_at", "revoked_reason", "revoked_by", "updated_at"]
    )
    audit(
        certificate,
        "courses.certificate.revoke",
        by,
        reason=certificate.revoked_reason,
        status_list=certificate.status_list,
        status_index=certificate.status_index,
    )
    return certificate


def certificate_sync(
    booking: Booking, session: Session, *, by, now: datetime.datetime
) -> tuple[int, int]:
    """Make the booking's certificate match its attendance. Returns (issued, revoked)."""
    current = Certificate.objects.current().filter(booking=booking).first()
    if certificate_due(booking, session):
        if current is None:
            certificate_issue(booking=booking, session=session, by=by, now=now)
            return 1, 0
        return 0, 0
    if current is not None and not attended_in_full(booking, session):
        certificate_revoke(
            certificate=current,
            reason=f"Attendance corrected to {booking.get_attendance_display() or 'unmarked'}",
            by=by,
            now=now,
        )
        return 0, 1
    return 0, 0


def certificates_backfill(
    *, sessions, by=None, email: bool = False, dry_run: bool = False
) -> dict:
    """Issue the certificates due on already-completed sessions that have none: sessions
    completed before certificates existed. Never runs by itself (an upgrade issues nothing);
    an administrator asks for it with `manage.py issue_certificates`.

    Returns {"sessions": n, "issued": n}. With `email=False` nobody is emailed.
    """
    from courses.services.locks import lock_booking
    from courses.services.notices import notifications_silenced

    issued = seen = 0
    completed = sessions.filter(status=Session.Status.COMPLETED).select_related(
        "module"
    )
    for session in completed:
        seen += 1
        attended = session.bookings.filter(full_attendance_q())
        for booking in attended:
            if dry_run:
                has_one = Certificate.objects.current().filter(booking=booking).exists()
                issued += certificate_due(booking, session) and not has_one
                continue
            with transaction.atomic(), contextlib.ExitStack() as stack:
                if not email:
                    stack.enter_context(notifications_silenced())
                booking = lock_booking(booking.pk)
                issued += certificate_sync(booking, session, by=by, now=now_or(None))[0]
    return {"sessions": seen, "issued": issued}
