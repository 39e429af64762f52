"""Activity figures: the one set of report queries behind every session and attendance report.

Definitions follow docs/metrics.md:

- a session is *delivered* when its status is completed; it belongs to the period by its start;
- *places offered* = capacity summed; *places booked* = bookings confirmed at the start (a
  confirmed place cannot be cancelled once the session has begun, so these are the bookings
  still confirmed); *fill rate* = booked / offered;
- *attendances* = bookings marked attended; *unique learners* = distinct staff with one;
- *did-not-attend rate* = absent / (attended + partial + absent), bookings confirmed at start;
- *late cancellation rate* = cancellations inside the cut-off / all bookings made (every booking
  that held a confirmed place at some time);
- *multi-agency mix*, per session: distinct agencies and sectors among those who attended
  (fully or partly), the largest single agency's share of them, and the share of sessions with
  three or more sectors;
- *evaluation*: mean overall rating (1–5), share rating 4 or 5, response rate (evaluations /
  attendees, full or partial); *confidence change* = mean after − mean before (1–10).

Scope (the same staff the compliance figures count, ``ReportFilters.staff``): a booking counts
when its staff member is in scope; a session counts when someone in scope held a confirmed place
on it, and then its places, bookings and mix are the whole session's (a fill rate of only the
chair's own staff would mean nothing). Attendance, no-shows, late cancellations and evaluations
are those of staff in scope.

Everything is read in five aggregate queries whatever the data size, once per request (cached on
the filters), and every activity report and headline figure is cut from the result.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from courses.models import Booking, Session
from courses.policy import period_bounds

ATTENDED = Booking.Attendance.ATTENDED
PARTIAL = Booking.Attendance.PARTIAL
ABSENT = Booking.Attendance.ABSENT
CONFIRMED = Booking.Status.CONFIRMED


def percent(part, whole) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def mean(total, count, places=2) -> float | None:
    return round(float(total) / count, places) if count else None


@dataclass
class SessionFacts:
    pk: int
    start: datetime.datetime  # local time
    module_id: int
    module_title: str
    capacity: int
    booked: int = 0  # the whole session's confirmed places at the start
    attendees: int = 0  # attended fully or partly, whole session
    agencies: dict = field(default_factory=dict)  # agency id -> attendees
    sectors: set = field(default_factory=set)
    attended: int = 0  # staff in scope from here on
    partial: int = 0
    absent: int = 0

    @property
    def largest_agency_percent(self) -> float:
        return percent(max(self.agencies.values(), default=0), self.attendees)

    @property
    def label(self) -> str:
        return f"{self.start:%-d %b %Y} {self.module_title}"


@dataclass
class Tally:
    """Counts for one group of bookings of staff in scope (an agency, a month, everything)."""

    sessions: int = 0
    offered: int = 0
    booked: int = 0
    attended: int = 0
    partial: int = 0
    absent: int = 0
    made: int = 0  # bookings that held a confirmed place at some time
    late: int = 0

    def add_session(self, s: SessionFacts) -> None:
        self.sessions += 1
        self.offered += s.capacity
        self.booked += s.booked
        self.attended += s.attended
        self.partial += s.partial
        self.absent += s.absent

    @property
    def fill_percent(self) -> float:
        return percent(self.booked, self.offered)

    @property
    def marked(self) -> int:
        return self.attended + self.partial + self.absent

    @property
    def dna_percent(self) -> float:
        return percent(self.absent, self.marked)

    @property
    def late_percent(self) -> float:
        return percent(self.late, self.made)


@dataclass
class ModuleEvaluation:
    """Sums, not means, so that modules add up exactly into the overall figures."""

    title: str
    attendees: int = 0
    responses: int = 0
    rating_sum: int = 0
    top_ratings: int = 0
    before_sum: Decimal = Decimal(0)
    after_sum: Decimal = Decimal(0)

    def __add__(self, other: "ModuleEvaluation") -> "ModuleEvaluation":
        return ModuleEvaluation(
            title=self.title,
            attendees=self.attendees + other.attendees,
            responses=self.responses + other.responses,
            rating_sum=self.rating_sum + other.rating_sum,
            top_ratings=self.top_ratings + other.top_ratings,
            before_sum=self.before_sum + other.before_sum,
            after_sum=self.after_sum + other.after_sum,
        )

    @property
    def response_percent(self) -> float:
        return percent(self.responses, self.attendees)

    @property
    def rating(self) -> float | None:
        return mean(self.rating_sum, self.responses)

    @property
    def top_percent(self) -> float:
        return percent(self.top_ratings, self.responses)

    @property
    def before(self) -> float | None:
        return mean(self.before_sum, self.responses)

    @property
    def after(self) -> float | None:
        return mean(self.after_sum, self.responses)

    @property
    def change(self) -> float | None:
        return mean(self.after_sum - self.before_sum, self.responses)


@dataclass
class ActivityFacts:
    sessions: list[SessionFacts]
    agencies: list[tuple[str, Tally]]  # (agency name, tally), by name
    evaluations: list[ModuleEvaluation]
    unique_learners: int
    total: Tally

    @property
    def three_sector_sessions(self) -> int:
        return sum(1 for s in self.sessions if len(s.sectors) >= 3)

    @property
    def three_sector_percent(self) -> float:
        return percent(self.three_sector_sessions, len(self.sessions))

    @property
    def evaluation_overall(self) -> ModuleEvaluation:
        """All modules together: every response weighs the same."""
        return sum(self.evaluations, ModuleEvaluation(title="All modules"))


def _period_sessions(filters):
    start, end = period_bounds(filters.start, filters.end)
    sessions = Session.objects.filter(
        status=Session.Status.COMPLETED, start__gte=start, start__lt=end
    )
    if filters.module:
        sessions = sessions.filter(module=filters.module)
    return sessions


def bookings_in_scope(scope, filters):
    """Bookings of staff in scope on sessions completed in the period (any status)."""
    bookings = Booking.objects.filter(session__in=_period_sessions(filters))
    if filters.everyone(scope):
        return (
            bookings  # no "staff IN (every staff member)": a third of the query's time
        )
    return bookings.filter(staff_id__in=filters.staff_ids(scope))


def activity_facts(*, scope, filters) -> ActivityFacts:
    """The activity figures for a scope and filters, computed once per request."""
    if "activity" not in filters.cache:
        filters.cache["activity"] = _compute(scope, filters)
    return filters.cache["activity"]


def _compute(scope, filters) -> ActivityFacts:
    in_scope = bookings_in_scope(scope, filters)
    staff_ids = filters.staff_ids(scope)

    # 1. The sessions: completed in the period, someone in scope confirmed at the start.
    session_ids = in_scope.filter(status=CONFIRMED).values("session_id")
    sessions = {
        row["pk"]: SessionFacts(
            pk=row["pk"],
            start=timezone.localtime(row["start"]),
            module_id=row["module_id"],
            module_title=row["module__title"],
            capacity=row["capacity"],
        )
        for row in Session.objects.filter(pk__in=session_ids)
        .order_by("start", "pk")
        .values("pk", "start", "capacity", "module_id", "module__title")
    }

    # 2. Their confirmed places by agency: the whole session, and those of staff in scope.
    mine = Q() if filters.everyone(scope) else Q(staff_id__in=staff_ids)
    per_agency = (
        Booking.objects.filter(session_id__in=session_ids, status=CONFIRMED)
        .values("session_id", "staff__agency_id", "staff__agency__sector")
        .annotate(
            booked=Count("pk"),
            attendees=Count("pk", filter=Q(attendance__in=[ATTENDED, PARTIAL])),
            attended=Count("pk", filter=mine & Q(attendance=ATTENDED)),
            partial=Count("pk", filter=mine & Q(attendance=PARTIAL)),
            absent=Count("pk", filter=mine & Q(attendance=ABSENT)),
        )
        .order_by()
    )
    for row in per_agency:
        s = sessions[row["session_id"]]
        s.booked += row["booked"]
        s.attended += row["attended"]
        s.partial += row["partial"]
        s.absent += row["absent"]
        if row["attendees"]:
            s.attendees += row["attendees"]
            s.agencies[row["staff__agency_id"]] = row["attendees"]
            s.sectors.add(row["staff__agency__sector"])

    # 3. By agency of the staff in scope: attendance and late cancellations.
    agencies = []
    for row in (
        in_scope.values("staff__agency__name")
        .annotate(
            made=Count(
                "pk", filter=Q(confirmed_at__isnull=False) | Q(status=CONFIRMED)
            ),
            late=Count("pk", filter=Q(late_cancellation=True)),
            booked=Count("pk", filter=Q(status=CONFIRMED)),
            attended=Count("pk", filter=Q(status=CONFIRMED, attendance=ATTENDED)),
            partial=Count("pk", filter=Q(status=CONFIRMED, attendance=PARTIAL)),
            absent=Count("pk", filter=Q(status=CONFIRMED, attendance=ABSENT)),
        )
        .order_by("staff__agency__name")
    ):
        name = row.pop("staff__agency__name")
        agencies.append((name, Tally(**row)))

    # 4. Evaluations by module, from attendees in scope.
    evaluations = [
        ModuleEvaluation(
            title=row["session__module__title"],
            attendees=row["attendees"],
            responses=row["responses"],
            rating_sum=row["rating"] or 0,
            top_ratings=row["top"],
            before_sum=Decimal(str(row["before"] or 0)),
            after_sum=Decimal(str(row["after"] or 0)),
        )
        for row in in_scope.filter(status=CONFIRMED, attendance__in=[ATTENDED, PARTIAL])
        .values("session__module_id", "session__module__title")
        .annotate(
            attendees=Count("pk"),
            responses=Count("evaluation"),
            rating=Sum("evaluation__overall_rating"),
            top=Count("evaluation", filter=Q(evaluation__overall_rating__gte=4)),
            before=Sum("evaluation__confidence_before"),
            after=Sum("evaluation__confidence_after"),
        )
        .order_by("session__module__title")
    ]

    # 5. Unique learners.
    unique = in_scope.filter(status=CONFIRMED, attendance=ATTENDED).aggregate(
        n=Count("staff_id", distinct=True)
    )["n"]

    total = Tally()
    for s in sessions.values():
        total.add_session(s)
    total.made = sum(t.made for _n, t in agencies)
    total.late = sum(t.late for _n, t in agencies)
    return ActivityFacts(
        sessions=list(sessions.values()),
        agencies=agencies,
        evaluations=evaluations,
        unique_learners=unique,
        total=total,
    )


# --- grouping the sessions ------------------------------------------------------------------

MONTHS_SHOWN_EMPTY = 36  # longer periods list only the months that had sessions


def _months(start: datetime.date, end: datetime.date):
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def by_month(facts: ActivityFacts, filters) -> list[tuple[str, Tally]]:
    tallies: dict = defaultdict(Tally)
    for s in facts.sessions:
        tallies[(s.start.year, s.start.month)].add_session(s)
    keys = list(_months(filters.start, filters.end))
    if len(keys) > MONTHS_SHOWN_EMPTY:
        keys = sorted(tallies)
    return [(f"{datetime.date(y, m, 1):%b %Y}", tallies[(y, m)]) for y, m in keys]


QUARTER_NAMES = {1: "Jan–Mar", 2: "Apr–Jun", 3: "Jul–Sep", 4: "Oct–Dec"}


def by_quarter(facts: ActivityFacts, filters) -> list[tuple[str, Tally]]:
    tallies: dict = defaultdict(Tally)
    for s in facts.sessions:
        tallies[(s.start.year, (s.start.month - 1) // 3 + 1)].add_session(s)
    keys = sorted(
        {(y, (m - 1) // 3 + 1) for y, m in _months(filters.start, filters.end)}
    )
    if len(keys) > MONTHS_SHOWN_EMPTY // 3:
        keys = sorted(tallies)
    return [(f"{QUARTER_NAMES[q]} {y}", tallies[(y, q)]) for y, q in keys]


def by_module(facts: ActivityFacts) -> list[tuple[str, Tally]]:
    tallies: dict = defaultdict(Tally)
    titles = {}
    for s in facts.sessions:
        tallies[s.module_id].add_session(s)
        titles[s.module_id] = s.module_title
    return sorted(
        ((titles[k], t) for k, t in tallies.items()), key=lambda kv: kv[0].lower()
    )
