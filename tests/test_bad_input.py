"""Bad input never produces a 500 (issue 8): hypothesis throws malformed values at every
public form and import endpoint through the test client.

Each example runs inside a savepoint that is rolled back, so examples do not see each other's
writes and the function-scoped fixtures stay valid. A response must be a 200 (the page, with
its error summary when the input was refused), a redirect, or a 4xx; never a 500, and never
an exception out of the view.
"""

import datetime
import json
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competencies.accounts.tokens import invitation_token
from competencies.roles import BOARD_CHAIRS
from courses.models import Booking, Evaluation, FollowUp
from courses.services import booking_create
from tests import factories as f

pytestmark = pytest.mark.django_db

# Modest example counts keep the suite fast; no example database is written to disk. The
# examples are derandomized so CI is repeatable; what random runs found (a NUL byte, a 500 on
# PostgreSQL) is kept in INJECTIONS below.
FORMS = settings(
    derandomize=True,
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

INJECTIONS = [
    "\x00",
    "abuse\x00",
    "' OR '1'='1",
    "1; DROP TABLE competencies_staffmember; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    '=HYPERLINK("http://x","y")',
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "😀" * 50,
    "ẞ" * 10,
    "-1",
    "0",
    "99999999999999999999999999",
    "9223372036854775808",  # 2**63: one past the largest id (an overflow was a 500)
    "-9223372036854775809",
    "1e309",
    "NaN",
    "2026-02-30",
    "31/12/9999",
    "0000-00-00",
    "true",
    "None",
    "[]",
    "{}",
    " ",
    "",
]
HUGE = ["A" * 100_000, "9" * 5_000, "é" * 20_000]

# One value of a field: text of every kind, numbers and dates as text, injections, huge.
value = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.sampled_from(INJECTIONS),
    st.sampled_from(HUGE),
)
# A field as the browser may send it: one value, several (wrong type), or none.
field = st.one_of(value, st.lists(value, min_size=0, max_size=3))


def form_data(*names):
    """Form data with any of `names` present, absent, repeated or malformed, plus junk keys."""
    return st.fixed_dictionaries(
        {},
        optional={
            **{name: field for name in names},
            "junk": field,
            "csrfmiddlewaretoken": value,
        },
    )


def handled(response) -> bool:
    return response.status_code in {200, 302, 400, 403, 404, 405, 429}


def request(client, method, url, data=None, **extra):
    """One request inside a savepoint that is rolled back."""
    with transaction.atomic():
        response = getattr(client, method)(url, data or {}, **extra)
        transaction.set_rollback(True)
    assert handled(response), (method, url, data, response.status_code)
    return response


def clean_path_text(text: str) -> str:
    """Text usable inside a URL path segment (no slash, which ends the segment)."""
    return text.replace("/", "") or "x"


# --- the world -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world_module(module_transaction):
    """The world, built once for the module inside a transaction rolled back at its end."""
    from cms.site import site_ensure

    with module_transaction() as unblocked:
        with unblocked():
            site_ensure()
            world = build_world()
        yield world


@pytest.fixture
def world(world_module, db):
    """The module's world; each test (and each example, see `request`) runs in its own
    savepoint, rolled back."""
    return world_module


def build_world():
    agency = f.AgencyFactory(short_name="BAD", email_domains="bad.example")
    area = f.AreaFactory(code="BAA")
    agency.areas.set([area])
    trainer = f.UserFactory(username="bad.trainer", groups=["Trainers"])
    attendee = f.staff_with_login(agency=agency, username="bad.attendee")
    past, (past_booking,) = f.session_completed(trainer=trainer, staff=[attendee])
    future = f.SessionFactory(trainers=[trainer])
    future_booking = booking_create(
        session=future, staff=attendee, booked_by=attendee.user
    )
    coordinator = f.coordinator_for(agency, username="bad.coordinator")
    chair = f.UserFactory(username="bad.chair", groups=[BOARD_CHAIRS])
    f.BoardFactory(area=area).chairs.add(chair)
    admin = f.UserFactory(username="bad.admin")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    invited = f.UserFactory(username="bad.invited", is_active=False)
    invited.set_unusable_password()
    invited.save()
    f.StaffMemberFactory(agency=agency, user=invited, email="invited@bad.example")
    return {
        "agency": agency,
        "trainer": trainer,
        "attendee": attendee,
        "past": past,
        "past_booking": past_booking,
        "future": future,
        "future_booking": future_booking,
        "coordinator": coordinator,
        "chair": chair,
        "admin": admin,
        "invited": invited,
    }


# --- public pages and filters --------------------------------------------------------------------


@FORMS
@given(
    data=form_data(
        "module", "level", "area", "delivery_mode", "date_from", "date_to"
    ).flatmap(lambda d: st.just(d) | st.just({**d, "has_places": "on", "page": "x"}))
)
def test_session_filters(client, world, data):
    request(client, "get", reverse("courses:session_list"), data)


@FORMS
@given(data=form_data("code"))
def test_verify_form(client, world, data):
    request(client, "get", reverse("courses:verify_form"), data)


@FORMS
@given(code=value)
def test_verify_code_in_the_url(client, world, code):
    request(client, "get", reverse("courses:verify", args=[clean_path_text(code)]))


@FORMS
@given(number=value, variant=field)
def test_certificate_number_in_the_url(client, world, number, variant):
    client.force_login(world["attendee"].user)
    url = reverse("courses:certificate_pdf", args=[clean_path_text(number)])
    request(client, "get", url, {"variant": variant})


@FORMS
@given(data=form_data("q", "query", "page"))
def test_search(client, world, data):
    request(client, "get", reverse("cms:search"), data)


@FORMS
@given(token=value, data=form_data("decision"))
def test_approval_link(client, world, token, data):
    url = reverse("courses:approval_link", args=[clean_path_text(token)])
    request(client, "get", url)
    request(client, "post", url, data)


# --- booking, cancelling, evaluations, the register ----------------------------------------------


@FORMS
@given(data=form_data("staff"))
def test_booking_post(client, world, data):
    client.force_login(world["coordinator"])
    request(client, "post", reverse("courses:book", args=[world["future"].pk]), data)
    client.force_login(world["attendee"].user)
    request(client, "post", reverse("courses:book", args=[world["future"].pk]), data)


@FORMS
@given(data=form_data("next"))
def test_cancel_post(client, world, data):
    client.force_login(world["attendee"].user)
    booking = world["future_booking"]
    response = request(
        client, "post", reverse("courses:cancel", args=[booking.pk]), data
    )
    if response.status_code == 302:
        # Never an open redirect to another site.
        assert not response["Location"].startswith(("//", "http:", "https:"))


@FORMS
@given(
    data=form_data(
        "overall_rating", "do_differently", "before_0", "after_0", "before_1", "after_1"
    )
)
def test_evaluation_form(client, world, data):
    client.force_login(world["attendee"].user)
    url = reverse("courses:evaluation", args=[world["past_booking"].pk])
    with transaction.atomic():
        response = client.post(url, data)
        saved = Evaluation.objects.filter(booking=world["past_booking"]).exists()
        transaction.set_rollback(True)
    assert handled(response)
    if not saved:
        assert response.status_code != 302 or response["Location"] != reverse(
            "courses:my_training"
        )


@FORMS
@given(data=form_data("practice_changed", "example"))
def test_follow_up_form(client, world, data):
    client.force_login(world["attendee"].user)
    booking = world["past_booking"]
    with transaction.atomic():
        response = client.post(reverse("courses:follow_up", args=[booking.pk]), data)
        saved = FollowUp.objects.filter(booking=booking).exists()
        transaction.set_rollback(True)
    assert handled(response)
    assert not saved or response.status_code == 302


@FORMS
@given(data=st.data())
def test_register_form(client, world, data):
    client.force_login(world["trainer"])
    session = world["future"]
    booking = world["future_booking"]
    names = [
        f"mark_{booking.pk}",
        f"time_{booking.pk}",
        "mark_999999",
        "complete",
    ]
    request(
        client,
        "post",
        reverse("courses:register", args=[session.pk]),
        data.draw(form_data(*names)),
    )
    assert Booking.objects.get(pk=booking.pk).status == booking.status


# --- reports ------------------------------------------------------------------------------------


REPORT_FIELDS = (
    "start",
    "end",
    "area",
    "agency",
    "sector",
    "role_profile",
    "level",
    "module",
)


@FORMS
@given(data=form_data(*REPORT_FIELDS))
def test_report_filters(client, world, data):
    for user in (world["chair"], world["coordinator"]):
        client.force_login(user)
        request(client, "get", reverse("reports"), data)
        url = reverse("report_export", args=["compliance-by-agency", "csv"])
        request(client, "get", url, data)


SUBSCRIPTION_FIELDS = ("frequency", "area", "agency", "sector", "role_profile", "level")


@FORMS
@given(data=form_data(*SUBSCRIPTION_FIELDS, "module"))
def test_board_paper_subscription_and_request(client, world, data):
    """The subscription form, and the dashboard's filters posted to queue a paper (inside
    the rolled-back savepoint the paper is stored but never drawn)."""
    client.force_login(world["chair"])
    request(client, "post", reverse("report_subscriptions"), data)
    query = "&".join(
        f"{key}={quote(str(v))}"
        for key, values in data.items()
        for v in (values if isinstance(values, list) else [values])
    )
    request(client, "post", f"{reverse('report_papers')}?{query}")


@FORMS
@given(
    data=form_data(
        "role_profile", "status", "area", "page", "agency", "q", "sort", "download"
    )
)
def test_agency_staff_filters(client, world, data):
    client.force_login(world["coordinator"])
    request(client, "get", reverse("agency_staff"), data)


@FORMS
@given(data=form_data("q", "session", "status", "when", "page"))
def test_agency_bookings_filters(client, world, data):
    client.force_login(world["coordinator"])
    request(client, "get", reverse("courses:agency_bookings"), data)


@FORMS
@given(search=form_data("q", "page", "partial"), data=form_data("staff"))
def test_book_staff_search_and_post(client, world, search, data):
    client.force_login(world["coordinator"])
    url = reverse("courses:book_staff", args=[world["future"].pk])
    request(client, "get", url, search)
    request(client, "post", url, data)


# --- accounts -----------------------------------------------------------------------------------


@FORMS
@given(data=form_data("email", "password1", "password2"))
def test_registration_form(client, world, data):
    response = request(client, "post", reverse("accounts:register"), data)
    if response.status_code == 200:
        assert b"govuk-error-summary" in response.content


@FORMS
@given(data=form_data("new_password1", "new_password2"))
def test_invitation_form(client, world, data):
    user = world["invited"]
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse(
        "accounts:invitation", args=[uidb64, invitation_token.make_token(user)]
    )
    with transaction.atomic():
        first = client.get(link)
        assert first.status_code == 302, first.status_code  # to the set-password form
        response = client.post(first["Location"], data)
        transaction.set_rollback(True)
    assert handled(response), response.status_code


@FORMS
@given(uid=value, token=value)
def test_confirmation_link(client, world, uid, token):
    url = reverse(
        "accounts:confirm", args=[clean_path_text(uid), clean_path_text(token)]
    )
    request(client, "get", url)
    request(client, "post", url)


@FORMS
@given(data=form_data("username", "password"))
def test_login_form(client, world, data):
    request(client, "post", reverse("login"), data)


# --- imports in the admin -----------------------------------------------------------------------

STAFF_COLUMNS = (
    "employee_ref,first_name,last_name,email,job_title,role_profile,areas,"
    "line_manager_email,left_on"
)
RECORD_COLUMNS = (
    "email,employee_ref,competency,level,achieved_on,expires_on,source_detail"
)


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def upload_content(header):
    """A file as uploaded: random bytes, or a CSV with the right header and malformed rows."""
    rows = st.lists(
        st.lists(value, min_size=0, max_size=12).map(
            lambda cells: ",".join(csv_cell(c) for c in cells)
        ),
        max_size=5,
    )
    csv_file = rows.map(lambda rs: "\r\n".join([header, *rs]).encode("utf-8"))
    return st.one_of(
        st.binary(max_size=2_000),
        csv_file,
        csv_file.map(lambda b: b"\xef\xbb\xbf" + b),
        st.just(b""),
        st.just(b"PK\x03\x04 not really a workbook"),
    )


filename = st.sampled_from(
    [
        "staff.csv",
        "staff.xlsx",
        "staff.xls",
        "staff.txt",
        "",
        "x" * 300 + ".csv",
        "..csv",
    ]
)


def _import_once(client, url, content, name, extra):
    upload = SimpleUploadedFile(name or "upload", content, content_type="text/csv")
    response = request(client, "post", url, {"import_file": upload, **extra})
    return response


@FORMS
@given(
    content=upload_content(STAFF_COLUMNS),
    name=filename,
    extra=form_data("agency", "token"),
)
def test_staff_import_upload_and_preview(client, world, content, name, extra):
    url = reverse("competencies_staff_import:upload")
    for user in (world["coordinator"], world["admin"]):
        client.force_login(user)
        _import_once(client, url, content, name, extra)


@FORMS
@given(
    content=upload_content(RECORD_COLUMNS),
    name=filename,
    extra=form_data("agency", "token"),
)
def test_records_import_upload_and_preview(client, world, content, name, extra):
    client.force_login(world["coordinator"])
    url = reverse("competencies_records_import:upload")
    _import_once(client, url, content, name, extra)


@FORMS
@given(token=field)
def test_import_confirm_with_a_forged_token(client, world, token):
    client.force_login(world["coordinator"])
    for name in (
        "competencies_staff_import:upload",
        "competencies_records_import:upload",
    ):
        request(client, "post", reverse(name), {"token": token})


# A CASE package as uploaded: JSON of any shape, with or without a CFDocument.
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | value,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=12), inner, max_size=3)
    ),
    max_leaves=10,
)
CASE_PACKAGE = st.dictionaries(
    st.sampled_from(["CFDocument", "CFItems", "CFAssociations", "junk"]), JSON_VALUE
).map(lambda d: json.dumps(d).encode("utf-8"))
FRAMEWORK_COLUMNS = "framework,version,domain_code,domain_title,code,title,statement"
MOODLE_HEADER = (
    '"Parent id number","Id number",Shortname,Description,"Description format","Scale '
    'values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule '
    'config (optional)","Cross referenced competency id numbers","Exported id (optional)",'
    '"Is framework",Taxonomy'
)
# Moodle's competency framework CSV: a framework row, then nodes whose id numbers and
# parents come from a few values (duplicates, loops, missing parents), other cells anything.
_MOODLE_ID = st.sampled_from(["", "A", "B", "A.1", "x" * 30, "=1+1"]) | value
MOODLE_FILE = st.lists(
    st.tuples(
        _MOODLE_ID, _MOODLE_ID, value, value, value, st.sampled_from(["", "0", "1"])
    ).map(
        lambda t: ",".join(
            csv_cell(c)
            for c in (
                t[0],
                t[1],
                t[2],
                t[3],
                "1",
                t[4],
                "",
                "",
                "0",
                "null",
                t[1],
                "",
                t[5],
                "",
            )
        )
    ),
    max_size=6,
).map(
    lambda rows: "\r\n".join(
        [MOODLE_HEADER, ',F,Framework,"<p>x</p>",1,"a,b",,,,,,,1,', *rows]
    ).encode("utf-8")
)


@FORMS
@given(
    content=st.one_of(
        upload_content(FRAMEWORK_COLUMNS),
        CASE_PACKAGE,
        upload_content(MOODLE_HEADER),
        MOODLE_FILE,
    ),
    name=filename,
    extra=form_data("name", "version", "token", "filename"),
)
def test_framework_import_upload_preview_and_confirm(
    client, world, content, name, extra
):
    client.force_login(world["admin"])
    url = reverse("competencies_framework_io:import")
    _import_once(client, url, content, name, extra)


@FORMS
@given(
    identifier=value,
    name=st.sampled_from(
        ["case:document", "case:package", "case:item", "case:association"]
    ),
    method=st.sampled_from(["get", "post", "put", "delete"]),
)
def test_case_api_identifier_in_the_url(client, world, identifier, name, method):
    url = reverse(name, args=[clean_path_text(identifier)])
    request(client, method, url)


# --- admin forms of staff data ------------------------------------------------------------------

STAFF_FIELDS = (
    "agency",
    "first_name",
    "last_name",
    "email",
    "employee_ref",
    "job_title",
    "role_profile",
    "areas",
    "line_manager",
    "left_on",
    "user",
)
RECORD_FIELDS = (
    "staff",
    "competency",
    "level",
    "achieved_on",
    "expires_on",
    "source",
    "source_detail",
)


@FORMS
@given(data=form_data(*STAFF_FIELDS))
def test_admin_staff_forms(client, world, data):
    client.force_login(world["coordinator"])
    request(client, "post", reverse("competencies_staff:add"), data)
    staff = world["attendee"]
    request(client, "post", reverse("competencies_staff:edit", args=[staff.pk]), data)


@FORMS
@given(data=form_data(*RECORD_FIELDS))
def test_admin_record_form(client, world, data):
    client.force_login(world["coordinator"])
    request(client, "post", reverse("competencies_record:add"), data)


@FORMS
@given(data=form_data("revoke", "revoked_reason"))
def test_admin_certificate_revoke_form(client, world, data):
    from courses.models import Certificate

    client.force_login(world["admin"])
    certificate = Certificate.objects.get(booking=world["past_booking"])
    url = reverse("courses_certificate:edit", args=[certificate.pk])
    request(client, "post", url, data)


def test_bad_input_world_is_what_the_tests_assume(world):
    """The fixtures above rely on these (a failing example would otherwise mislead)."""
    assert world["past"].end < timezone.now()
    assert world["future"].start > timezone.now() + datetime.timedelta(days=1)
    assert world["future_booking"].status == Booking.Status.CONFIRMED
