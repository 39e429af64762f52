"""The subject-access export holds the person's bookings, evaluations and follow-ups (and
agency moves), in the JSON and CSV downloads."""

import csv
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from competencies.moves import move_request
from competencies.privacy import personal_data, personal_data_csv
from courses.services import evaluation_create, follow_up_create
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendee(home_page):
    trainer = f.UserFactory(username="trainer.t", groups=["Trainers"])
    _, (booking,) = f.session_completed(trainer=trainer)
    user = booking.staff.user
    evaluation_create(
        booking=booking,
        by=user,
        overall_rating=4,
        confidence=[(3, 8), (4, 9)],
        do_differently="Ask the person what outcome they want.",
    )
    follow_up_create(
        booking=booking,
        by=user,
        practice_changed="partly",
        example="I asked first and wrote it down.",
        now=timezone.now() + relativedelta(months=3, days=2),
    )
    council = f.AgencyFactory(short_name="CC", email_domains="council.example")
    move_request(
        old_email=booking.staff.email,
        to_agency=council,
        new_email="new.me@council.example",
        new_job_title="Social worker",
        by=f.coordinator_for(council),
    )
    return booking


def test_export_holds_bookings_evaluations_follow_ups_and_moves(attendee):
    data = personal_data(staff_member=attendee.staff)
    (booking,) = data["bookings"]
    assert booking["attendance"] == "attended" and booking["status"] == "confirmed"
    (evaluation,) = data["evaluations"]
    assert evaluation["session"] == str(attendee.session)
    assert evaluation["overall_rating"] == 4
    assert evaluation["confidence_before"] == "3.50"
    assert evaluation["confidence_after"] == "8.50"
    assert evaluation["do_differently"] == "Ask the person what outcome they want."
    assert "Recognise abuse: 3 → 8" in evaluation["confidence_per_outcome"]
    (follow_up,) = data["follow_ups"]
    assert follow_up["practice_changed"] == "partly"
    assert follow_up["example"] == "I asked first and wrote it down."
    (move,) = data["moves"]
    assert move["new_email"] == "new.me@council.example" and move["status"] == "pending"
    assert len(data["certificates"]) == 1

    rows = list(csv.DictReader(io.StringIO(personal_data_csv(data))))
    sections = {row["section"] for row in rows}
    assert {"bookings", "evaluations", "follow_ups", "moves"} <= sections


def test_the_persons_own_download_holds_them(client, attendee):
    client.force_login(attendee.staff.user)
    data = client.get("/my-training/data.json").json()
    assert data["evaluations"][0]["overall_rating"] == 4
    assert data["follow_ups"][0]["example"] == "I asked first and wrote it down."
    csv_text = client.get("/my-training/data.csv").content.decode()
    assert "Ask the person what outcome they want." in csv_text
