"""Erasure is complete: after erasing a person with a rich history, nothing in the database
(every table, read as text) nor under MEDIA_ROOT holds their name or email, while the figures
their bookings, attendance and records feed stay the same."""

import json
import smtplib
import zipfile

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from competencies.accounts.services import account_invite, account_password_set
from competencies.models import StaffMember, StaffMove
from competencies.moves import move_request
from courses.models import Booking, Certificate, Evaluation, FollowUp
from courses.services import evaluation_create, follow_up_create
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, csv_bytes

pytestmark = pytest.mark.django_db

FIRST, LAST = "Zephyrine", "Quillfeather"
EMAIL = "zephyrine.quillfeather@wmp.example"
NEW_EMAIL = "z.quillfeather@smbc.example"
PASSWORD = "a-long-and-unusual-passphrase-41"
SECRETS = (f"{FIRST} {LAST}", LAST, EMAIL, NEW_EMAIL)
DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient, as SMTP does: the address is in the error."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {to: (550, b"mailbox unavailable") for m in messages for to in m.to}
        )


def database_dump():
    """(table, column, value) for every non-null value of every column of every table, as
    text. Sessions are stored encoded, so their decoded data is added as column "decoded"."""
    quote = connection.ops.quote_name
    connection.ensure_connection()
    raw = connection.connection
    sqlite = connection.vendor == "sqlite"
    if sqlite:  # search-index blobs are not UTF-8; read every byte rather than fail
        text_factory, raw.text_factory = (
            raw.text_factory,
            lambda b: b.decode("utf-8", "replace"),
        )
    try:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                columns = [
                    c.name
                    for c in connection.introspection.get_table_description(
                        cursor, table
                    )
                ]
                select = ", ".join(f"CAST({quote(c)} AS TEXT)" for c in columns)
                cursor.execute(f"SELECT {select} FROM {quote(table)}")  # noqa: S608
                for row in cursor.fetchall():
                    for column, value in zip(columns, row, strict=True):
                        if value is not None:
                            yield table, column, value
                    if table == "django_session":
                        data = dict(zip(columns, row, strict=True))["session_data"]
                        decoded = json.dumps(SessionStore().decode(data), default=str)
                        yield table, "decoded", decoded
    finally:
        if sqlite:
            raw.text_factory = text_factory


def media_dump(root):
    """(path, part, text) for every file under MEDIA_ROOT: its name, its bytes as text, and
    the members of any zip (an XLSX) it is."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = str(path.relative_to(root))
        content = path.read_bytes()
        yield name, "name", name
        yield name, "content", content.decode("utf-8", "replace")
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    text = archive.read(member).decode("utf-8", "replace")
                    yield name, member, text


def hits(dump, secrets=SECRETS):
    found = set()
    for where, column, value in dump:
        lowered = str(value).lower()
        for secret in secrets:
            if secret.lower() in lowered:
                found.add((where, column, secret))
    return sorted(found)


@pytest.fixture
def media(settings, tmp_path):
    """Every folder the site writes files to: MEDIA_ROOT and the private folder of import
    files waiting for their confirm. The dump reads them all."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_UPLOAD_DIR = tmp_path / "private"
    return tmp_path


@pytest.fixture
def world(home_page, media):
    area = f.AreaFactory(code="BHM", name="Birmingham")
    wmp = f.AgencyFactory(
        short_name="WMP", name="West Midlands Police", email_domains="wmp.example"
    )
    wmp.areas.set([area])
    smbc = f.AgencyFactory(
        short_name="SMBC", name="Sandwell Council", email_domains="smbc.example"
    )
    smbc.areas.set([area])
    competency = f.CompetencyFactory()
    requirement = f.RequirementFactory(
        competency=competency, role_profile=f.RoleProfileFactory(code="RP05")
    )
    admin = f.UserFactory(username="root", is_superuser=True)
    admin.is_staff = True
    admin.save()
    return {
        "wmp": wmp,
        "smbc": smbc,
        "competency": competency,
        "profile": requirement.role_profile,
        "admin": admin,
        "coordinator": f.coordinator_for(wmp),
        "smbc_coordinator": f.coordinator_for(smbc),
        "trainer": f.UserFactory(username="trainer.t", groups=["Trainers"]),
    }


def _staff_csv(job_title):
    return csv_bytes(
        [
            STAFF_HEADER,
            ["WMP-4471", FIRST, LAST, EMAIL, job_title, "RP05", "BHM", "", ""],
            ["WMP-4472", "Ann", "Jones", "ann.jones@wmp.example", "PC", "RP05", "", ""],
        ]
    )


def rich_history(client, world, django_capture_on_commit_callbacks, settings):
    """Everything the system can come to hold about one person, through the real paths."""
    wmp, coordinator = world["wmp"], world["coordinator"]
    import_url = reverse("competencies_staff_import:upload")

    # Created by an import from a file with their row (previewed, then confirmed) ...
    client.force_login(coordinator)
    preview = client.post(
        import_url,
        {"import_file": SimpleUploadedFile("wmp-staff.csv", _staff_csv("PC"))},
    )
    assert client.post(import_url, {"token": preview.context["token"]}).status_code
    person = StaffMember.objects.get(email=EMAIL)
    # ... and a second file that is still waiting for its confirmation.
    client.post(
        import_url,
        {"import_file": SimpleUploadedFile("wmp-update.csv", _staff_csv("Sergeant"))},
    )

    # An administrator edits the record in the admin (Wagtail's audit log).
    client.force_login(world["admin"])
    response = client.post(
        reverse("competencies_staff:edit", args=[person.pk]),
        {
            "agency": wmp.pk,
            "first_name": FIRST,
            "last_name": LAST,
            "email": EMAIL,
            "employee_ref": "WMP-4471",
            "job_title": "Detective constable",
            "role_profile": world["profile"].pk,
            "areas": [a.pk for a in wmp.areas.all()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    # Invited to an account: the email task waits in the database queue, and fails with
    # their address in the traceback.
    settings.TASKS = DB_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        user = account_invite(staff=person, invited_by=coordinator)
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    queued = DBTaskResult.objects.get(task_path__endswith="send_account_email")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run_task(queued)
    queued.refresh_from_db()
    assert EMAIL in queued.traceback
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    account_password_set(user=user, password=PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.avatar.save("zephyrine-quillfeather.png", ContentFile(b"\x89PNG..."))

    # They sign in (a session); from another browser a failed sign-in with their email as
    # the username stays recorded, and a registration of their address again.
    client.logout()
    signed_in = client.post(
        "/accounts/login/", {"username": EMAIL, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    other = client.__class__()
    other.post("/accounts/login/", {"username": EMAIL, "password": "wrong"})
    other.post(
        "/accounts/register/",
        {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD},
    )

    # Booked, attended, completed: records and a certificate; then they evaluate it.
    person.refresh_from_db()
    session, (booking,) = f.session_completed(
        trainer=world["trainer"],
        staff=[person],
        module=f.module_page(delivers=[(world["competency"], 2)]),
    )
    evaluation_create(
        booking=booking,
        by=user,
        overall_rating=4,
        confidence=[(3, 8), (4, 9)],
        do_differently=f"{LAST} will ask the person what outcome they want.",
    )
    follow_up_create(
        booking=booking,
        by=user,
        practice_changed="yes",
        example=f"Signed {FIRST} {LAST}: I asked first and wrote it down.",
        now=timezone.now() + relativedelta(months=3, days=2),
    )

    # They also ran a session: their name is printed on its attendee's certificate.
    f.session_completed(trainer=user, marks=("attended",))

    # Another agency asks for them to move (still waiting).
    with django_capture_on_commit_callbacks(execute=True):
        move_request(
            old_email=EMAIL,
            to_agency=world["smbc"],
            new_email=NEW_EMAIL,
            new_job_title="Social worker",
            by=world["smbc_coordinator"],
        )

    # Their own data download is audited too.
    client.force_login(user)
    assert client.get("/my-training/data.json").status_code == 200
    person.refresh_from_db()
    return person, booking


def test_erasure_leaves_no_trace_of_the_name_or_email(
    client, world, media, settings, django_capture_on_commit_callbacks
):
    person, booking = rich_history(
        client, world, django_capture_on_commit_callbacks, settings
    )
    # The history really holds them everywhere the dump looks.
    before = hits([*database_dump(), *media_dump(media)])
    assert {where for where, _, _ in before} >= {
        "auth_user",
        "axes_accessattempt",
        "axes_accesslog",
        "competencies_staffmember",
        "competencies_staffmove",
        "courses_certificate",
        "courses_evaluation",
        "courses_followup",
        "django_session",
        "django_tasks_database_dbtaskresult",
        "wagtailcore_modellogentry",
        "wagtailusers_userprofile",
    }
    assert ("courses_certificate", "trainer_names", f"{FIRST} {LAST}") in before
    assert any(where.startswith("private/") for where, _, _ in before)
    assert any(where.startswith("media/avatar_images/") for where, _, _ in before)

    admin_client = client.__class__()
    admin_client.force_login(world["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/agency/staff/{person.pk}/erase/")
    assert response.status_code == 302

    found = hits([*database_dump(), *media_dump(media)])
    assert found == [], "\n".join(" | ".join(hit) for hit in found)
    # Their own signed-in session ended with the erasure.
    assert client.get("/my-training/").status_code == 302

    # The figures stay: the booking, its attendance, records, evaluation scores, certificate.
    booking.refresh_from_db()
    assert booking.staff_id == person.pk and booking.attendance == "attended"
    assert Booking.objects.filter(staff=person).count() == 1
    assert person.records.count() == 1
    evaluation = Evaluation.objects.get(booking=booking)
    assert evaluation.overall_rating == 4 and evaluation.do_differently == ""
    follow_up = FollowUp.objects.get(booking=booking)
    assert follow_up.practice_changed == "yes" and follow_up.example == ""
    assert Certificate.objects.filter(staff=person).count() == 1
    assert not StaffMove.objects.filter(staff=person, status="pending").exists()


def test_dump_reads_every_table_and_the_media(world, media):
    """The dump itself: it sees a value in any table and a file under MEDIA_ROOT."""
    f.StaffMemberFactory(first_name=FIRST, last_name=LAST, email=EMAIL)
    (media / "note.txt").write_text(f"{FIRST} {LAST}")
    found = hits([*database_dump(), *media_dump(media)])
    assert ("competencies_staffmember", "email", EMAIL) in found
    assert ("note.txt", "content", LAST) in found
    index = [hit for hit in found if "search" in hit[0]]
    assert index  # Wagtail's search index holds the name too


def test_identifiers_redact_whole_words_and_names_only_in_own_rows():
    from competencies.erasure import REDACTED, Identifiers

    ids = Identifiers.of(
        strong=[EMAIL, f"{FIRST} {LAST}", "ab"], names=[FIRST, LAST, "Ann", ""]
    )
    # Too short to look for anywhere: "ab" is dropped.
    assert set(ids.strong) == {EMAIL, "zephyrine quillfeather"}
    assert EMAIL.upper() in ids
    text = f"Mail {EMAIL.upper()} about ZEPHYRINE Quillfeather; Annual review"
    assert ids.redact(text) == f"Mail {REDACTED} about {REDACTED}; Annual review"
    # A surname alone is taken out only of rows about the person.
    assert ids.redact("Quillfeather's booking") == "Quillfeather's booking"
    assert ids.redact("Quillfeather's booking", own=True) == f"{REDACTED}'s booking"
    assert ids.redact({"to": [EMAIL], EMAIL: 3, "n": 3}) == {
        "to": [REDACTED],
        REDACTED: 3,
        "n": 3,
    }
