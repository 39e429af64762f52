"""The courses app's part of a person's data export and erasure (competencies.privacy hooks)."""

from django.db.models import Q
from django.utils import timezone

from competencies.erasure import relabel_entries
from competencies.privacy import erased_name
from courses.models import Booking, Certificate, Evaluation, FollowUp, XapiStatement
from courses.services.notices import audit


def _iso(value):
    return value.isoformat() if value else ""


def bookings_rows(staff_member) -> list[dict]:
    bookings = Booking.objects.filter(staff=staff_member).select_related(
        "session__module"
    )
    return [
        {
            "session": str(b.session),
            "session_start": _iso(b.session.start),
            "status": b.status,
            "attendance": b.attendance,
            "booked_at": _iso(b.created_at),
            "cancelled_at": _iso(b.cancelled_at),
            "cancel_reason": b.cancel_reason,
            "late_cancellation": b.late_cancellation,
        }
        for b in bookings.order_by("session__start", "pk")
    ]


def evaluations_rows(staff_member) -> list[dict]:
    evaluations = Evaluation.objects.filter(booking__staff=staff_member).select_related(
        "booking__session__module"
    )
    return [
        {
            "session": str(e.booking.session),
            "sent_at": _iso(e.created_at),
            "overall_rating": e.overall_rating,
            "confidence_before": str(e.confidence_before),
            "confidence_after": str(e.confidence_after),
            "confidence_per_outcome": "; ".join(
                f"{o.get('outcome', '')}: {o.get('before')} → {o.get('after')}"
                for o in e.outcome_confidence
            ),
            "do_differently": e.do_differently,
        }
        for e in evaluations.order_by("booking__session__start", "pk")
    ]


def follow_ups_rows(staff_member) -> list[dict]:
    follow_ups = FollowUp.objects.filter(booking__staff=staff_member).select_related(
        "booking__session__module"
    )
    return [
        {
            "session": str(u.booking.session),
            "sent_at": _iso(u.created_at),
            "practice_changed": u.practice_changed,
            "example": u.example,
        }
        for u in follow_ups.order_by("booking__session__start", "pk")
    ]


def certificates_rows(staff_member) -> list[dict]:
    return [
        {
            "number": c.number,
            "module": c.module_title,
            "level": c.module_level,
            "session_date": _iso(c.session_date),
            "issued_at": _iso(c.issued_at),
            "expires_on": _iso(c.expires_on),
            "revoked_at": _iso(c.revoked_at),
            "revoked_reason": c.revoked_reason,
        }
        for c in Certificate.objects.filter(staff=staff_member).order_by(
            "issued_at", "pk"
        )
    ]


def accepted_credentials_rows(staff_member) -> list[dict]:
    """Credentials from elsewhere that became the person's records."""
    from courses.models import AcceptedCredential

    return [
        {
            "issuer": a.issuer_name,
            "issuer_did": a.issuer_did,
            "achievement": a.achievement_name,
            "credential_id": a.credential_id,
            "accepted_at": _iso(a.accepted_at),
        }
        for a in AcceptedCredential.objects.filter(staff=staff_member).order_by(
            "accepted_at", "pk"
        )
    ]


def _statements_of(staff_member):
    return XapiStatement.objects.filter(
        Q(staff=staff_member) | Q(actor_mbox__iexact=staff_member.email)
    )


def xapi_statements_rows(staff_member) -> list[dict]:
    """E-learning completions (and other statements) platforms sent about the person."""
    return [
        {
            "statement_id": str(s.id),
            "platform": s.client.name,
            "verb": s.verb,
            "activity": s.object_id,
            "timestamp": _iso(s.timestamp),
            "stored": _iso(s.stored),
            "outcome": s.outcome,
            "voided": s.voided,
        }
        for s in _statements_of(staff_member)
        .select_related("client")
        .order_by("stored", "pk")
    ]


def xapi_statements_erase(*, staff_member) -> int:
    """Statements keep their verb, activity and outcome (the records they wrote stay, as
    attendance does) but no longer say who: the actor becomes an erased placeholder."""
    statements = list(_statements_of(staff_member))
    for statement in statements:
        statement.raw = {
            **statement.raw,
            "actor": {
                "objectType": "Agent",
                "mbox": f"mailto:erased-{staff_member.pk}@erased.invalid",
            },
        }
        statement.actor_mbox = ""
    XapiStatement.objects.bulk_update(statements, ["raw", "actor_mbox"])
    return len(statements)


def certificates_erase(*, staff_member, erased_by) -> int:
    """The holder's certificates lose their name and no longer verify. Returns how many."""
    first, last = erased_name(staff_member.pk)
    now = timezone.now()
    certificates = list(
        Certificate.objects.filter(staff=staff_member, erased_at__isnull=True)
    )
    for certificate in certificates:
        certificate.holder_name = f"{first} {last}"
        certificate.erased_at = now
        certificate.save(update_fields=["holder_name", "erased_at", "updated_at"])
        audit(certificate, "courses.certificate.erase", erased_by)
    return len(certificates)


def personal_data_erase(*, staff_member, erased_by, identifiers) -> dict[str, int]:
    """Everything of the courses app that holds the person, in the erasure's transaction.

    Bookings, attendance, ratings and certificates stay (reports count them); what the person
    wrote in their own words goes, and so does their name wherever it was copied.
    """
    counts = {
        "certificates": certificates_erase(
            staff_member=staff_member, erased_by=erased_by
        )
    }
    # Free text cannot be checked for what it says about them or others: it goes whole.
    counts["xAPI statements"] = xapi_statements_erase(staff_member=staff_member)
    counts["evaluation comments"] = (
        Evaluation.objects.filter(booking__staff=staff_member)
        .exclude(do_differently="")
        .update(do_differently="", updated_at=timezone.now())
    )
    counts["follow-up examples"] = (
        FollowUp.objects.filter(booking__staff=staff_member)
        .exclude(example="")
        .update(example="", updated_at=timezone.now())
    )
    own = list(Certificate.objects.filter(staff=staff_member))
    for certificate in own:
        certificate.revoked_reason = identifiers.redact(
            certificate.revoked_reason, own=True
        )
    Certificate.objects.bulk_update(own, ["revoked_reason"])
    # A trainer's name is printed on the certificates of the people they trained.
    named = []
    condition = identifiers.q(Certificate, "trainer_names")
    for certificate in Certificate.objects.filter(condition).exclude(
        staff=staff_member
    ):
        certificate.trainer_names = identifiers.redact(certificate.trainer_names)
        named.append(certificate)
    Certificate.objects.bulk_update(named, ["trainer_names"])
    counts["certificates naming them as trainer"] = len(named)
    bookings = list(
        Booking.objects.filter(staff=staff_member).select_related("session__module")
    )
    counts["audit log entries"] = relabel_entries([*bookings, *own], identifiers)
    return counts
