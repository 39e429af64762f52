"""Reads of the courses app: querysets with what their pages need joined or annotated.

Each page costs the same number of queries whatever the number of sessions or bookings
(pinned by tests with django_assert_max_num_queries at two data sizes).
"""

import datetime

from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Now
from django.utils import timezone

from cms.models import ModuleCompetency
from courses import policy
from courses.models import (
    AgencyReservation,
    Booking,
    Certificate,
    Evaluation,
    FollowUp,
    Session,
    XapiStatement,
)


def with_places(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Annotate `places_taken` and `places_left` (confirmed, offered or awaiting approval)."""
    return sessions.annotate(
        places_taken=Count(
            "bookings", filter=Q(bookings__status__in=Booking.OCCUPYING), distinct=True
        ),
        waitlist_length=Count(
            "bookings",
            filter=Q(bookings__status=Booking.Status.WAITLISTED),
            distinct=True,
        ),
    ).annotate(
        places_left=F("capacity") - F("places_taken") - _held_empty(),
    )


def _held_empty():
    """Places held for agencies (reservations in force) that nobody fills yet: not free to
    anyone browsing. A hold is only ever filled up to its size, so empty = held - filled."""
    in_force = AgencyReservation.objects.filter(
        session=OuterRef("pk"), released_at__isnull=True, until__gt=Now()
    ).order_by()
    held = in_force.values("session").annotate(n=Sum("places")).values("n")
    filled = (
        Booking.objects.filter(
            session=OuterRef("pk"),
            status__in=Booking.OCCUPYING,
            reservation__released_at__isnull=True,
            reservation__until__gt=Now(),
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), Value(0)) - Coalesce(
        Subquery(filled, output_field=IntegerField()), Value(0)
    )


def sessions_upcoming(
    *,
    now: datetime.datetime | None = None,
    module_id: int | None = None,
    level: int | None = None,
    area_id: int | None = None,
    delivery_mode: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    has_places: bool = False,
) -> QuerySet[Session]:
    """Scheduled sessions still to start, soonest first, with the filters of /sessions/."""
    sessions = Session.objects.upcoming(now).select_related(
        "module", "area", "host_agency"
    )
    if module_id:
        sessions = sessions.filter(module_id=module_id)
    if level:
        sessions = sessions.filter(module__level=level)
    if area_id:
        sessions = sessions.filter(area_id=area_id)
    if delivery_mode:
        sessions = sessions.filter(module__delivery_mode=delivery_mode)
    if date_from:
        sessions = sessions.filter(start__date__gte=date_from)
    if date_to:
        sessions = sessions.filter(start__date__lte=date_to)
    sessions = with_places(sessions)
    if has_places:
        sessions = sessions.filter(places_left__gt=0)
    return sessions.order_by("start", "pk")


def session_for_page(pk: int) -> Session:
    """One session with its module, what it delivers and its places (raises DoesNotExist)."""
    return (
        with_places(Session.objects.filter(pk=pk))
        .select_related("module", "area", "host_agency")
        .prefetch_related(
            "trainers",
            "module__audience",
            Prefetch(
                "module__delivered_competencies",
                queryset=ModuleCompetency.objects.select_related("competency").order_by(
                    "competency__code"
                ),
            ),
        )
        .get()
    )


def agency_places(
    session: Session, *, agency_id: int | None, rules, now: datetime.datetime
) -> dict:
    """What the agency-mix rule leaves one agency on a session: its cap, places it holds,
    places left to it (never more than the session's), and whether the rule has lifted."""
    from courses.services.locks import occupancy

    total, per_agency = occupancy(session)
    relaxed = policy.mix_rule_relaxed(session, rules=rules, now=now)
    cap = policy.agency_cap(
        session.capacity, rules.max_per_agency_percent, session.max_per_agency
    )
    held = per_agency.get(agency_id, 0)
    free = max(0, session.capacity - total)
    return {
        "cap": cap,
        "held": held,
        "left": free if relaxed else max(0, min(free, cap - held)),
        "relaxed": relaxed,
        "has_room": agency_id is not None
        and policy.has_room_for(
            session,
            agency_id=agency_id,
            total=total,
            per_agency=per_agency,
            rules=rules,
            now=now,
        ),
        "full": total >= session.capacity,
    }


def sessions_delivering(
    *, wanted: dict[int, int], per_competency: int = 3, now=None
) -> dict[int, list[Session]]:
    """Upcoming sessions whose module evidences each competency at its level or above.

    `wanted` maps competency id -> minimum level. Two queries whatever its size; the soonest
    `per_competency` sessions for each competency.
    """
    if not wanted:
        return {}
    links = ModuleCompetency.objects.filter(competency_id__in=wanted).values_list(
        "module_id", "competency_id", "level"
    )
    modules_for: dict[int, set[int]] = {}
    for module_id, competency_id, level in links:
        if level >= wanted[competency_id]:
            modules_for.setdefault(module_id, set()).add(competency_id)
    found: dict[int, list[Session]] = {}
    if not modules_for:
        return found
    for session in sessions_upcoming(now=now).filter(module_id__in=modules_for):
        for competency_id in modules_for[session.module_id]:
            chosen = found.setdefault(competency_id, [])
            if len(chosen) < per_competency:
                chosen.append(session)
    return found


def upcoming_for_module(*, module_id: int, limit: int = 10) -> list[Session]:
    return list(sessions_upcoming(module_id=module_id)[:limit])


def upcoming_next(*, limit: int = 5) -> list[Session]:
    return list(sessions_upcoming()[:limit])


def waitlist_position() -> Subquery:
    """Place in the queue of a waitlisted booking: earlier waitlisted bookings + 1."""
    earlier = (
        Booking.objects.filter(
            session=OuterRef("session"),
            status=Booking.Status.WAITLISTED,
        )
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(earlier, output_field=IntegerField()), Value(0)) + 1


def bookings_for_staff(*, staff_id: int) -> QuerySet[Booking]:
    """A person's bookings, newest session first, with waitlist position and evaluation state."""
    return (
        Booking.objects.filter(staff_id=staff_id)
        .select_related("session__module", "session__area", "evaluation", "follow_up")
        .annotate(position=waitlist_position())
        .order_by("-session__start", "-pk")
    )


def register_for_session(*, session: Session) -> QuerySet[Booking]:
    """Everyone with a confirmed place, by agency then name: the register and sign-in sheet."""
    return (
        session.bookings.filter(status=Booking.Status.CONFIRMED)
        .select_related("staff__agency")
        .order_by("staff__last_name", "staff__first_name", "pk")
    )


def approvals_for(*, user) -> QuerySet[Booking]:
    """Bookings `user` may approve: their direct reports', or their coordinated agency's."""
    return (
        Booking.objects.filter(policy.approvable_by_q(user))
        .filter(
            Q(status=Booking.Status.PENDING_APPROVAL)
            | Q(status=Booking.Status.WAITLISTED, approved_at__isnull=True)
        )
        .filter(
            Q(session__requires_manager_approval=True)
            | Q(staff__agency__requires_manager_approval=True)
        )
        .select_related("session__module", "staff__agency")
        .order_by("session__start", "created_at")
    )


def sessions_trained_by(*, user, now=None) -> QuerySet[Session]:
    """Sessions a trainer runs (all sessions for an administrator), latest first."""
    sessions = policy.sessions_run_by(user)
    return with_places(sessions.select_related("module")).order_by("-start")


def evaluation_summary(*, bookings: QuerySet[Booking]) -> dict:
    """Counts and means of the evaluations and follow-ups of these bookings."""
    evaluations = Evaluation.objects.filter(booking__in=bookings).aggregate(
        count=Count("pk"),
        rating=Avg("overall_rating"),
        before=Avg("confidence_before"),
        after=Avg("confidence_after"),
    )
    follow = dict(
        FollowUp.objects.filter(booking__in=bookings)
        .values_list("practice_changed")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        **evaluations,
        "attended": bookings.filter(attendance__in=policy.TOOK_PART).count(),
        "follow_up": follow,
        "follow_up_count": sum(follow.values()),
    }


def evaluations_by_session(*, module_id: int) -> QuerySet[Session]:
    """Per completed session of a module: attendees, evaluations and their means."""
    return (
        Session.objects.filter(module_id=module_id, status=Session.Status.COMPLETED)
        .annotate(
            attended=Count(
                "bookings",
                filter=Q(bookings__attendance__in=policy.TOOK_PART),
            ),
            evaluations=Count("bookings__evaluation"),
            rating=Avg("bookings__evaluation__overall_rating"),
            before=Avg("bookings__evaluation__confidence_before"),
            after=Avg("bookings__evaluation__confidence_after"),
            changed=Count(
                "bookings__follow_up",
                filter=Q(bookings__follow_up__practice_changed="yes"),
            ),
            follow_ups=Count("bookings__follow_up"),
        )
        .order_by("-start")
    )


def today() -> datetime.date:
    return timezone.localdate()


def certificates_for_staff(*, staff_id: int) -> QuerySet:
    """A person's certificates, newest first, revoked ones included (their history)."""
    return Certificate.objects.filter(staff_id=staff_id).order_by("-issued_at", "-pk")


def certificates_for_session(*, session: Session) -> QuerySet:
    """The session's current certificates, in register order."""
    return (
        Certificate.objects.current()
        .filter(booking__session=session)
        .order_by("staff__last_name", "staff__first_name", "pk")
    )


def sessions_closing_gaps(
    *, gaps: list[tuple[int, int]], limit: int = 30
) -> list[Session]:
    """Upcoming sessions whose module delivers a gap's competency at its level or higher.

    `gaps` are (competency id, minimum level) pairs; sessions come soonest first with their
    places and what their module delivers, so a page can match each gap to its sessions
    without further queries.
    """
    if not gaps:
        return []
    condition = Q()
    for competency_id, level in gaps:
        condition |= Q(competency_id=competency_id, level__gte=level)
    modules = ModuleCompetency.objects.filter(condition).values("module_id")
    return list(
        sessions_upcoming()
        .filter(module_id__in=modules)
        .prefetch_related("module__delivered_competencies")[:limit]
    )


def credential_status_list_exists(*, list_number: int) -> bool:
    """A status list exists once a certificate has a slot in it."""
    return Certificate.objects.filter(status_list=list_number).exists()


def credential_withdrawn_indexes(*, list_number: int) -> list[int]:
    """The set bits of one status list: its certificates revoked or whose holder was erased
    (courses.policy.credential_withdrawn_q)."""
    return list(
        Certificate.objects.filter(status_list=list_number)
        .filter(policy.credential_withdrawn_q())
        .values_list("status_index", flat=True)
    )


# --- xAPI statements (docs/xapi.md) -------------------------------------------------------


def xapi_statement_get(*, client, statement_id, voided: bool = False):
    """The statement `client` may read by id (GET statementId), or by voidedStatementId with
    `voided`; None when there is none (xAPI: a voided statement is found only as voided)."""
    return (
        XapiStatement.objects.filter(policy.statements_visible_to_q(client))
        .filter(pk=statement_id, voided=voided)
        .select_related("client")
        .first()
    )


def xapi_statements_list(
    *,
    client,
    limit: int,
    verb: str | None = None,
    activity: str | None = None,
    since=None,
    until=None,
    ascending: bool = False,
) -> list:
    """The client's statements, newest stored first, never voided ones (xAPI GET without id)."""
    statements = XapiStatement.objects.filter(
        policy.statements_visible_to_q(client), voided=False
    ).select_related("client")
    if verb:
        statements = statements.filter(verb=verb)
    if activity:
        statements = statements.filter(object_id=activity)
    if since:
        statements = statements.filter(stored__gt=since)
    if until:
        statements = statements.filter(stored__lte=until)
    return list(statements.order_by("stored" if ascending else "-stored")[:limit])
