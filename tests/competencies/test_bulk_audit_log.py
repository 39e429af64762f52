"""log_many writes the entries Wagtail's log() would, in one bulk insert."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.log_actions import LogContext, log
from wagtail.models import ModelLogEntry

from competencies.bulk_audit_log import Entry, log_many
from tests import factories as f

pytestmark = pytest.mark.django_db

COMPARED = [
    "content_type_id",
    "object_id",
    "label",
    "action",
    "data",
    "user_id",
    "uuid",
    "revision_id",
    "content_changed",
    "deleted",
]


def fields_of(entry):
    return {name: getattr(entry, name) for name in COMPARED}


def both_ways(instance, *, user=None, **kwargs):
    """The entry log() writes and the one log_many() writes for the same call, from the DB."""
    log(instance=instance, action="competencies.staff.import_new", user=user, **kwargs)
    by_log = ModelLogEntry.objects.latest("id")
    entry = Entry(instance, "competencies.staff.import_new", **kwargs)
    log_many([entry], user=user)
    by_log_many = ModelLogEntry.objects.latest("id")
    assert by_log_many.pk != by_log.pk
    return fields_of(by_log), fields_of(by_log_many)


def test_the_same_entry_as_log_with_a_title_data_and_user():
    person, user = f.StaffMemberFactory(), f.UserFactory()
    ours, wagtails = both_ways(
        person,
        user=user,
        title="Ann Smith",
        data={"file": "s.csv"},
        content_changed=True,
    )
    assert ours == wagtails
    assert wagtails["label"] == "Ann Smith" and wagtails["user_id"] == user.pk


def test_the_same_entry_as_log_without_a_title_or_data():
    person = f.StaffMemberFactory()
    ours, wagtails = both_ways(person)
    assert ours == wagtails
    assert wagtails["label"] == str(person) and wagtails["data"] == {}


def test_the_user_and_uuid_come_from_the_active_log_context_as_with_log():
    person, user = f.StaffMemberFactory(), f.UserFactory()
    with LogContext(user=user) as context:
        ours, wagtails = both_ways(person)
    assert ours == wagtails
    assert (wagtails["user_id"], wagtails["uuid"]) == (user.pk, context.uuid)


def test_an_unregistered_action_is_refused_as_log_refuses_it():
    person = f.StaffMemberFactory()
    with pytest.raises(ValidationError):
        log(instance=person, action="no.such.action")
    with pytest.raises(ValidationError):
        log_many([Entry(person, "no.such.action")])
    assert not ModelLogEntry.objects.filter(action="no.such.action").exists()
