"""A signed-in person whose email matches no staff record asks their agency's coordinator to
link (or create) their record; the coordinator answers; both are emailed; nobody loops."""

import pytest
from django.core import mail

from competencies.accounts.exceptions import AccountError
from competencies.accounts.link_requests import (
    link_request_approve,
    link_request_create,
    link_request_decline,
)
from competencies.models import LinkRequest, StaffMember
from tests.factories import (
    AgencyFactory,
    StaffMemberFactory,
    UserFactory,
    staff_with_login,
)

pytestmark = pytest.mark.django_db

COORDINATORS = ["Training coordinators"]


@pytest.fixture
def world():
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=COORDINATORS).user
    person = UserFactory(username="new.person@x.example", email="new.person@x.example")
    return {"agency": agency, "coordinator": coordinator, "person": person}


def ask(client, world, capture):
    client.force_login(world["person"])
    with capture(execute=True):
        return client.post(
            "/accounts/link-request/",
            {
                "agency": world["agency"].pk,
                "first_name": "Nia",
                "last_name": "Newman",
                "job_title": "Support worker",
            },
        )


def test_my_training_points_to_the_request_then_says_it_is_waiting(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["person"])
    body = client.get("/my-training/").text
    assert "/accounts/link-request/" in body
    mail.outbox.clear()
    response = ask(client, world, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/link-request/sent/"
    sent = client.get(response["Location"]).text
    assert "Request sent" in sent and world["agency"].name in sent
    [message] = mail.outbox
    assert message.to == [world["coordinator"].email]
    assert "Nia Newman" in message.body and "/agency/link-requests/" in message.body
    # Not the same advice again: the pages now say the request is waiting.
    body = client.get("/my-training/").text
    assert (
        '/accounts/link-request/"' not in body and "Their training coordinator" in body
    )
    form = client.get("/accounts/link-request/").text
    assert 'id="pending"' in form and "Send the request" not in form


def test_required_fields_show_the_error_summary(client, world):
    client.force_login(world["person"])
    response = client.post("/accounts/link-request/", {})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "Choose the agency you work for" in response.text
    assert "Enter your job title" in response.text


def test_coordinator_sees_the_count_and_links_an_existing_record(
    client, world, django_capture_on_commit_callbacks
):
    ask(client, world, django_capture_on_commit_callbacks)
    request = LinkRequest.objects.get()
    record = StaffMemberFactory(agency=world["agency"], email="nia@old.example")
    client.force_login(world["coordinator"])
    home = client.get("/my-training/").text
    assert 'id="nav-link-requests"' in home
    assert 'Link requests <span class="app-count">1</span>' in home
    assert "Nia Newman" in client.get("/agency/link-requests/").text
    url = f"/agency/link-requests/{request.pk}/"
    response = client.post(url, {"decision": "link"})
    assert (
        response.status_code == 200
        and "Choose the staff record to link" in response.text
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "link", "staff": record.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.user == world["person"]
    assert mail.outbox[0].to == [world["person"].email]
    assert "linked" in mail.outbox[0].subject
    client.force_login(world["person"])
    assert "What your role requires" in client.get("/my-training/").text


def test_coordinator_creates_a_record(world):
    request = link_request_create(
        user=world["person"],
        agency=world["agency"],
        first_name="Nia",
        last_name="Newman",
        job_title="Support worker",
    )
    staff = link_request_approve(link_request=request, by=world["coordinator"])
    assert staff.agency == world["agency"] and staff.email == world["person"].email
    assert staff.job_title == "Support worker" and staff.user == world["person"]
    with pytest.raises(AccountError) as excinfo:
        link_request_approve(link_request=request, by=world["coordinator"])
    assert excinfo.value.code == "LINK_NOT_PENDING"


def test_decline_needs_a_reason_tells_the_person_and_allows_a_new_request(
    client, world, django_capture_on_commit_callbacks
):
    ask(client, world, django_capture_on_commit_callbacks)
    request = LinkRequest.objects.get()
    client.force_login(world["coordinator"])
    url = f"/agency/link-requests/{request.pk}/"
    response = client.post(url, {"decision": "decline", "reason": " "})
    assert "Enter why you are declining the request" in response.text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "decline", "reason": "Not one of our staff"})
    request.refresh_from_db()
    assert request.status == "declined"
    assert "Not one of our staff" in mail.outbox[0].body
    client.force_login(world["person"])
    form = client.get("/accounts/link-request/").text
    assert "Not one of our staff" in form and "Send the request" in form


def test_one_open_request_at_a_time(world):
    kwargs = dict(
        user=world["person"],
        agency=world["agency"],
        first_name="A",
        last_name="B",
        job_title="C",
    )
    link_request_create(**kwargs)
    with pytest.raises(AccountError) as excinfo:
        link_request_create(**kwargs)
    assert excinfo.value.code == "LINK_PENDING"


def test_cannot_link_a_record_of_another_agency_or_with_an_account(world):
    request = link_request_create(
        user=world["person"],
        agency=world["agency"],
        first_name="A",
        last_name="B",
        job_title="C",
    )
    for record in (StaffMemberFactory(), staff_with_login(agency=world["agency"])):
        with pytest.raises(AccountError) as excinfo:
            link_request_approve(
                link_request=request, by=world["coordinator"], staff=record
            )
        assert excinfo.value.code == "LINK_STAFF_TAKEN"
    assert not StaffMember.objects.filter(user=world["person"]).exists()


def test_other_agencies_requests_are_404(client, world):
    request = link_request_create(
        user=world["person"],
        agency=world["agency"],
        first_name="A",
        last_name="B",
        job_title="C",
    )
    other = staff_with_login(agency=AgencyFactory(), groups=COORDINATORS).user
    client.force_login(other)
    assert client.get(f"/agency/link-requests/{request.pk}/").status_code == 404
    assert "A B" not in client.get("/agency/link-requests/").text
    client.force_login(staff_with_login().user)  # not a coordinator
    assert client.get("/agency/link-requests/").status_code == 404
    assert client.get(f"/agency/link-requests/{request.pk}/").status_code == 404


def test_decline_without_reason_is_refused_by_the_service(world):
    request = link_request_create(
        user=world["person"],
        agency=world["agency"],
        first_name="A",
        last_name="B",
        job_title="C",
    )
    with pytest.raises(AccountError):
        link_request_decline(link_request=request, by=world["coordinator"], reason="")
