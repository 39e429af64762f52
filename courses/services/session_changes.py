"""Changes to a scheduled session that everyone on it must hear about, and places it frees.

The admin's edit view (courses.viewsets) takes a `session_snapshot` before the form saves and
calls `session_changes_apply` in the same transaction; `session_change` does both for code
that changes a session itself. Emails go out as tasks after the commit (courses.services.
notices.notify), so a change rolled back tells nobody.
"""

import datetime

from django.db import transaction

from courses.models import Booking, Session
from courses.services.booking import fill_places
from courses.services.locks import lock_session, now_or, rules
from courses.services.notices import audit, notify

# What a booked person's calendar and travel depend on: a change to any is sent to them.
DETAIL_FIELDS = ("start", "end", "venue_name", "venue_address", "online_link")
# What decides how many places are free: raising any may free places for the waitlist.
PLACE_FIELDS = ("capacity", "max_per_agency", "mix_relax_days")


def session_snapshot(session_id: int) -> dict:
    """The session's details, places and trainers as stored now (before an edit saves)."""
    values = Session.objects.values(*DETAIL_FIELDS, *PLACE_FIELDS).get(pk=session_id)
    values["trainers"] = frozenset(
        Session.trainers.through.objects.filter(session_id=session_id).values_list(
            "user_id", flat=True
        )
    )
    return values


def session_changes_apply(
    *, session: Session, before: dict, by, now: datetime.datetime | None = None
) -> list[str]:
    """Tell everyone on the session what changed since `before`, and fill freed places.

    A change of time, venue, online link or trainers sends each person booked, offered a
    place, awaiting approval or waiting an update email; those with a confirmed place get a
    calendar update (METHOD:REQUEST, a higher SEQUENCE). More places, a higher agency cap or
    an earlier lifting of the mix rule offers the places now free to the waitlist exactly as
    a cancellation does (courses.services.booking.fill_places). A session that is not
    scheduled or has started tells nobody. Returns the names of the fields that changed.
    """
    now = now_or(now)
    with transaction.atomic():
        session = lock_session(session.pk)
        after = session_snapshot(session.pk)
        changed = [name for name in after if after[name] != before.get(name)]
        if not changed or session.status != Session.Status.SCHEDULED:
            return changed
        audit(
            session,
            "courses.session.change",
            by,
            fields=sorted(changed),
        )
        if session.start <= now:
            return changed
        if any(name in changed for name in (*DETAIL_FIELDS, "trainers")):
            for booking in session.bookings.filter(status__in=Booking.ACTIVE):
                notify("session_changed", booking)
        if any(name in changed for name in PLACE_FIELDS):
            fill_places(session, settings=rules(), now=now, by=by)
    return changed


def session_change(
    *,
    session: Session,
    by,
    trainers=None,
    now: datetime.datetime | None = None,
    **fields,
) -> Session:
    """Change a session's fields (and trainers, when given), validated, then as above.

    Raises django.core.exceptions.ValidationError for values the session does not accept.
    """
    with transaction.atomic():
        locked = lock_session(session.pk)
        before = session_snapshot(locked.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        if trainers is not None:
            locked.trainers.set(trainers)
        session_changes_apply(session=locked, before=before, by=by, now=now)
    return locked
