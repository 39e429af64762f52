"""Issuing and revoking certificates through the register and evaluation services."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import Booking, Certificate
from courses.services import attendance_mark, evaluation_create, session_complete
from tests.factories import (
    CompetencyFactory,
    module_page,
    session_completed,
    staff_with_login,
)

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"^WMSAP-(\d{4})-(\d{6})$")


def test_completion_issues_one_certificate_per_full_attendee(trainer):
    competencies = [CompetencyFactory(title="Recognising abuse"), CompetencyFactory()]
    module = module_page(
        title="Safeguarding adults: level 2",
        level=2,
        delivers=[(competencies[0], 2), (competencies[1], 3)],
        refresh_months=24,
    )
    session, bookings = session_completed(
        trainer=trainer, module=module, marks=["attended", "partial", "absent"]
    )
    certificates = list(Certificate.objects.all())
    assert len(certificates) == 1
    cert = certificates[0]
    attendee = bookings[0].staff
    assert cert.booking == bookings[0]
    assert cert.holder_name == attendee.full_name
    assert cert.agency_name == attendee.agency.name
    assert cert.module_title == "Safeguarding adults: level 2"
    assert cert.module_level == 2
    assert [(c["code"], c["level"]) for c in cert.competencies] == [
        (competencies[0].code, 2),
        (competencies[1].code, 3),
    ]
    assert cert.session_date == session.local_date
    assert cert.trainer_names == (trainer.get_full_name() or trainer.username)
    # The refresh date is that of the records the session wrote (24 months on).
    records = bookings[0].competency_records.all()
    assert cert.expires_on == min(r.expires_on for r in records)
    assert NUMBER.match(cert.number).group(1) == str(timezone.localdate().year)
    assert len(cert.verification_code) == 16
    assert ModelLogEntry.objects.filter(action="courses.certificate.issue").count() == 1


def test_numbers_are_sequential_within_a_year_and_codes_unique(trainer):
    session_completed(trainer=trainer, marks=["attended"] * 3)
    session_completed(trainer=trainer, marks=["attended"] * 2)
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    serials = [int(NUMBER.match(n).group(2)) for n in numbers]
    assert serials == [1, 2, 3, 4, 5]
    codes = set(Certificate.objects.values_list("verification_code", flat=True))
    assert len(codes) == 5


def test_completing_again_issues_nothing_new(trainer):
    session, bookings = session_completed(
        trainer=trainer, marks=["attended", "attended"]
    )
    summary = session_complete(
        session=session, by=trainer, now=session.end + datetime.timedelta(hours=1)
    )
    assert summary["certificates"] == 0
    assert Certificate.objects.count() == 2


def test_correcting_attendance_revokes_and_a_reissue_gets_a_new_number(trainer):
    session, (booking,) = session_completed(trainer=trainer, marks=["attended"])
    first = Certificate.objects.get()
    later = session.end + datetime.timedelta(days=1)
    attendance_mark(booking=booking, attendance="absent", by=trainer, now=later)
    first.refresh_from_db()
    assert first.revoked_at == later
    assert first.status() == "revoked"
    assert not booking.competency_records.filter(revoked_at__isnull=True).exists()
    assert Certificate.objects.current().count() == 0

    attendance_mark(booking=booking, attendance="attended", by=trainer, now=later)
    second = Certificate.objects.current().get()
    assert second.number != first.number
    assert second.verification_code != first.verification_code
    assert Certificate.objects.filter(booking=booking).count() == 2  # history kept
    assert (
        ModelLogEntry.objects.filter(action="courses.certificate.revoke").count() == 1
    )


def test_refresher_training_is_a_new_certificate_and_the_earlier_one_stays(trainer):
    person = staff_with_login()
    module = module_page(title="Refresher")
    long_ago = (timezone.now() - datetime.timedelta(days=800)).replace(
        second=0, microsecond=0
    )
    session_completed(trainer=trainer, module=module, staff=[person], start=long_ago)
    session_completed(trainer=trainer, module=module, staff=[person])
    certificates = list(Certificate.objects.filter(staff=person).order_by("issued_at"))
    assert len(certificates) == 2
    assert all(c.revoked_at is None for c in certificates)
    assert certificates[0].session_date < certificates[1].session_date


def test_module_requiring_evaluation_releases_the_certificate_once_it_is_sent(
    trainer, django_capture_on_commit_callbacks
):
    module = module_page(title="Evaluated module")
    module.requires_evaluation = True
    module.save()
    session, (booking,) = session_completed(
        trainer=trainer, module=module, marks=["attended"]
    )
    assert Certificate.objects.count() == 0
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        evaluation_create(
            booking=booking,
            by=booking.staff.user,
            overall_rating=5,
            confidence=[(4, 8)] * len(module.outcomes),
        )
    cert = Certificate.objects.get()
    assert cert.booking == booking
    assert [m.subject for m in mail.outbox] == ["Your certificate: Evaluated module"]


def test_the_certificate_is_emailed_to_its_holder_as_a_pdf(
    trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session, (booking,) = session_completed(trainer=trainer, marks=["attended"])
    cert = Certificate.objects.get()
    messages = [m for m in mail.outbox if m.subject.startswith("Your certificate")]
    assert len(messages) == 1
    message = messages[0]
    assert message.to == [booking.staff.email]
    assert cert.number in message.body
    assert cert.get_verify_url() in message.body
    name, content, mimetype = message.attachments[0]
    assert name == f"{cert.number}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")


def test_partial_attendance_and_no_shows_get_no_certificate(trainer):
    session_completed(trainer=trainer, marks=["partial", "absent"])
    assert Certificate.objects.count() == 0
    assert Booking.objects.filter(attendance="absent").count() == 1


def test_sessions_completed_before_certificates_existed_are_issued_only_when_asked(
    trainer, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    session, bookings = session_completed(trainer=trainer, marks=["attended", "absent"])
    Certificate.objects.all().delete()  # as if completed before this feature
    out = io.StringIO()
    call_command("issue_certificates", "--all", "--dry-run", stdout=out)
    assert "Would issue 1 certificate(s) on 1 completed session(s)." in out.getvalue()
    assert Certificate.objects.count() == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("issue_certificates", "--session", str(session.pk), stdout=out)
    assert Certificate.objects.get().booking == bookings[0]
    assert mail.outbox == []  # nobody emailed unless --email
    call_command("issue_certificates", "--all", stdout=out)
    assert Certificate.objects.count() == 1  # idempotent


def test_the_certificate_email_goes_out_once_however_often_its_task_runs(trainer):
    """The worker re-runs the task after a crash (courses.worker): the second run finds
    `emailed_at` set under the row lock and sends nothing."""
    from courses.tasks import send_certificate_email

    session_completed(
        trainer=trainer, marks=["attended"]
    )  # on_commit not run: no email yet
    cert = Certificate.objects.get()
    assert cert.emailed_at is None
    mail.outbox.clear()
    assert send_certificate_email.call(certificate_id=cert.pk) == 1
    assert send_certificate_email.call(certificate_id=cert.pk) == 0
    assert len(mail.outbox) == 1
    cert.refresh_from_db()
    assert cert.emailed_at is not None
    # One Message-ID per certificate: a repeat is recognisably the same message.
    assert mail.outbox[0].extra_headers["Message-ID"] == (
        f"<certificate-{cert.number}@wmsap.example>"
    )


def test_a_revoked_certificate_is_not_emailed(trainer):
    from courses.services import certificate_revoke
    from courses.tasks import send_certificate_email

    session_completed(trainer=trainer, marks=["attended"])
    cert = certificate_revoke(
        certificate=Certificate.objects.get(), reason="Issued in error", by=trainer
    )
    mail.outbox.clear()
    assert send_certificate_email.call(certificate_id=cert.pk) == 0
    assert mail.outbox == []
    cert.refresh_from_db()
    assert cert.emailed_at is None
