"""Portable records: moving agency keeps every valid record, and the move is audited."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from competencies.compliance import staff_requirements
from competencies.exceptions import CompetencyError
from competencies.models import StaffMove
from competencies.moves import move_approve, move_refuse, move_request
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    CompetencyRecordFactory,
    RequirementFactory,
    StaffMemberFactory,
    UserFactory,
    coordinator_for,
    staff_with_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    north = AreaFactory(name="North")
    police = AgencyFactory(
        short_name="WMP", name="Police", email_domains="police.example", areas=[north]
    )
    council = AgencyFactory(
        short_name="CC", name="Council", email_domains="council.example", areas=[north]
    )
    requirement = RequirementFactory(min_level=2)
    person = staff_with_login(
        agency=police, role_profile=requirement.role_profile, employee_ref="P123"
    )
    person.email = person.user.email = "sam@police.example"
    person.save()
    person.user.save()
    person.areas.set([north])
    valid = CompetencyRecordFactory(
        staff=person, competency=requirement.competency, level=2
    )
    old = CompetencyRecordFactory(
        staff=person,
        level=1,
        achieved_on=datetime.date(2015, 1, 1),
        expires_on=datetime.date(2018, 1, 1),
    )
    return {
        "police": police,
        "council": council,
        "person": person,
        "records": {valid.pk, old.pk},
        "council_coordinator": coordinator_for(council),
        "police_coordinator": coordinator_for(police),
    }


def test_a_move_keeps_every_record_and_counts_them_at_once(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        move = move_request(
            old_email="Sam@police.example",
            to_agency=world["council"],
            new_email="sam@council.example",
            new_job_title="Social worker",
            by=world["council_coordinator"],
        )
    assert move.status == StaffMove.Status.PENDING
    assert "sam@police.example" in mail.outbox[-1].to
    assert world["police_coordinator"].email in mail.outbox[-1].cc

    move_approve(move=move, by=world["police_coordinator"])
    person = world["person"]
    person.refresh_from_db()
    assert person.agency == world["council"]
    assert person.email == "sam@council.example"
    assert person.employee_ref == "" and person.job_title == "Social worker"
    assert (
        set(person.records.values_list("pk", flat=True)) == world["records"]
    )  # none dropped
    (requirement,) = staff_requirements(staff_member=person)
    assert requirement.status == "met"  # counts for the new agency at once
    person.user.refresh_from_db()
    assert person.user.email == "sam@council.example"

    entries = ModelLogEntry.objects.filter(object_id=str(person.pk))
    assert [e.action for e in entries.order_by("timestamp")] == [
        "competencies.staff.move_request",
        "competencies.staff.move",
    ]
    approval = entries.get(action="competencies.staff.move")
    assert approval.user == world["police_coordinator"]
    assert approval.data["requested_by"] == world["council_coordinator"].pk
    assert approval.data["to_agency"] == "CC"


def test_the_person_themself_may_approve_and_others_may_not(world):
    move = move_request(
        old_email="sam@police.example",
        to_agency=world["council"],
        new_email="sam@council.example",
        by=world["council_coordinator"],
    )
    for outsider in [
        world["council_coordinator"],
        coordinator_for(AgencyFactory()),
        UserFactory(),
    ]:
        with pytest.raises(CompetencyError) as error:
            move_approve(move=move, by=outsider)
        assert error.value.code == "MOVE_NOT_APPROVER"
    move_approve(move=move, by=world["person"].user)
    with pytest.raises(CompetencyError) as error:
        move_refuse(move=move, by=world["person"].user)
    assert error.value.code == "MOVE_NOT_PENDING"


def test_request_rules(world):
    def ask(**kw):
        args = {
            "old_email": "sam@police.example",
            "to_agency": world["council"],
            "new_email": "sam@council.example",
            "by": world["council_coordinator"],
        } | kw
        with pytest.raises(CompetencyError) as error:
            move_request(**args)
        return error.value.code

    assert ask(by=world["police_coordinator"]) == "MOVE_NOT_COORDINATOR"
    assert ask(new_email="sam@gmail.example") == "MOVE_EMAIL_DOMAIN"
    StaffMemberFactory(agency=world["council"], email="taken@council.example")
    assert ask(new_email="taken@council.example") == "MOVE_EMAIL_TAKEN"
    assert (
        ask(
            to_agency=world["police"],
            by=world["police_coordinator"],
            new_email="x@police.example",
        )
        == "MOVE_SAME_AGENCY"
    )
    move_request(
        old_email="sam@police.example",
        to_agency=world["council"],
        new_email="sam@council.example",
        by=world["council_coordinator"],
    )
    # Asked again while the move waits: nothing new, and no error that would say it waits.
    assert (
        move_request(
            old_email="sam@police.example",
            to_agency=world["council"],
            new_email="sam@council.example",
            by=world["council_coordinator"],
        )
        is None
    )
    assert StaffMove.objects.count() == 1
    # An email nobody has: no move, and no error that would tell the asker so.
    assert (
        move_request(
            old_email="nobody@police.example",
            to_agency=world["council"],
            new_email="n@council.example",
            by=world["council_coordinator"],
        )
        is None
    )


def test_the_moves_page_asks_and_approves(client, world):
    client.force_login(world["council_coordinator"])
    page = client.post(
        "/agency/moves/",
        {"old_email": "sam@police.example", "new_email": "sam@gmail.example"},
    )
    assert "There is a problem" in page.content.decode()
    assert "email domains" in page.content.decode()
    response = client.post(
        "/agency/moves/",
        {"old_email": "sam@police.example", "new_email": "sam@council.example"},
        follow=True,
    )
    assert "they and their coordinator have been asked" in response.content.decode()
    unknown = client.post(
        "/agency/moves/",
        {"old_email": "ghost@police.example", "new_email": "ghost@council.example"},
        follow=True,
    )
    assert "they and their coordinator have been asked" in unknown.content.decode()
    move = StaffMove.objects.get()
    # The asker neither sees nor approves the waiting move; nor does another agency.
    assert client.post(f"/agency/moves/{move.pk}/approve/").status_code == 404
    move.refresh_from_db()
    assert move.status == "pending"
    client.force_login(coordinator_for(AgencyFactory()))
    assert client.post(f"/agency/moves/{move.pk}/approve/").status_code == 404
    client.force_login(world["police_coordinator"])
    assert "Approve" in client.get("/agency/moves/").content.decode()
    client.post(f"/agency/moves/{move.pk}/approve/")
    move.refresh_from_db()
    assert move.status == "approved" and move.decided_at <= timezone.now()


def _answer(client, old_email, new_email):
    """What the asker sees: the response, where it leads, and that page (tokens aside)."""
    response = client.post(
        "/agency/moves/", {"old_email": old_email, "new_email": new_email}
    )
    page = client.get("/agency/moves/").content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return response.status_code, response.get("Location"), page


def test_the_moves_page_gives_the_same_answer_whoever_has_the_email(client, world):
    # A third agency shares the council's domain, as NHS trusts share theirs.
    fire = AgencyFactory(short_name="FIRE", email_domains="council.example")
    StaffMemberFactory(agency=fire, email="kim@council.example")
    StaffMemberFactory(agency=world["police"], email="pat@police.example")
    client.force_login(world["council_coordinator"])

    nobody = _answer(client, "ghost@police.example", "ghost@council.example")
    assert nobody[:2] == (302, "/agency/moves/")
    assert "they and their coordinator have been asked" in nobody[2]
    for old_email, new_email, what in [
        ("sam@police.example", "sam@council.example", "someone at the police"),
        ("sam@police.example", "sam@council.example", "their move already waits"),
        ("pat@police.example", "kim@council.example", "new email held at fire"),
        ("ghost@police.example", "kim@council.example", "nobody, new email at fire"),
        ("kim@council.example", "kim2@council.example", "someone at fire"),
    ]:
        assert _answer(client, old_email, new_email) == nobody, what
    # The moves were asked for all the same, for their approvers to decide.
    assert StaffMove.objects.count() == 3
