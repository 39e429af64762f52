"""/agency/staff/<id>/: one person's training as their coordinator sees it, and what to do next."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from competencies import policy, selectors
from competencies.compliance import Status
from courses import selectors as course_selectors
from courses.models import Booking, Session

# Requirements worth booking for: not met today, or met only until within 90 days.
GAP_STATUSES = (Status.MISSING, Status.EXPIRED, Status.EXPIRING)
SESSIONS_PER_GAP = 3


def split_bookings(bookings, *, now) -> dict[str, list[Booking]]:
    """Upcoming (still holding or queueing for a place, soonest first), past and cancelled."""
    groups = {"upcoming": [], "past": [], "cancelled": []}
    for booking in bookings:
        session = booking.session
        if booking.status == Booking.Status.CANCELLED:
            groups["cancelled"].append(booking)
        elif session.status == Session.Status.SCHEDULED and session.start > now:
            groups["upcoming"].append(booking)
        else:
            groups["past"].append(booking)
    groups["upcoming"].reverse()
    return groups


def match_gaps(gaps: list[dict], sessions: list[Session], booked: set[int]) -> None:
    """Give each gap the first few upcoming sessions that would close it (not ones the
    person is already booked on)."""
    for gap in gaps:
        row = gap["row"]
        gap["sessions"] = [
            session
            for session in sessions
            if session.pk not in booked
            and any(
                link.competency_id == row.competency_id and link.level >= row.min_level
                for link in session.module.delivered_competencies.all()
            )
        ][:SESSIONS_PER_GAP]


class AgencyStaffDetailView(LoginRequiredMixin, TemplateView):
    """A person in the coordinator's scope: requirements and the record behind each,
    bookings, certificates, and for each gap the sessions that would close it. Anyone
    outside the scope is a 404."""

    template_name = "competencies/agency_staff_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = get_object_or_404(
            policy.staff_visible_to(self.request.user).select_related(
                "agency", "role_profile", "user", "line_manager"
            ),
            pk=self.kwargs["pk"],
        )
        now = timezone.now()
        requirements = selectors.requirements_with_competencies(staff_member=staff)
        records = list(selectors.records_for_staff(staff_member=staff))
        best = {(r.competency_id, r.expires_on): r for r in records if not r.revoked_at}
        for item in requirements:
            row = item["row"]
            competency = item["recognised_from"] or item["competency"]
            item["record"] = best.get((competency.pk, row.best_expires))
        person_bookings = list(course_selectors.bookings_for_staff(staff_id=staff.pk))
        for booking in person_bookings:
            booking.staff = staff  # one person's: no query per row for their name
        bookings = split_bookings(person_bookings, now=now)
        gaps = [item for item in requirements if item["row"].status in GAP_STATUSES]
        sessions = course_selectors.sessions_closing_gaps(
            gaps=[(g["row"].competency_id, g["row"].min_level) for g in gaps]
        )
        booked = {b.session_id for b in bookings["upcoming"]}
        match_gaps(gaps, sessions, booked)
        context.update(
            staff_member=staff,
            requirements=requirements,
            records=records,
            bookings=bookings,
            certificates=course_selectors.certificates_for_staff(staff_id=staff.pk),
            gaps=gaps,
            is_active=staff.is_active,
            may_book=staff.is_active and not staff.anonymised_at,
            here=self.request.get_full_path(),
        )
        return context
