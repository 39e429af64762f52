"""A trainer's day: /sessions/mine/ (the sessions they run) and the attendees' QR check-in."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from competencies import policy as staff_policy
from courses import policy, services, trainer_selectors
from courses.exceptions import BookingError
from courses.models import Booking, Session
from courses.views.helpers import staff_of

PER_PAGE = 20


class MySessionsView(LoginRequiredMixin, View):
    """Today's and upcoming sessions the trainer runs, with those awaiting completion first."""

    def get(self, request):
        user = request.user
        if not (staff_policy.is_trainer(user) or staff_policy.is_administrator(user)):
            raise Http404
        now = timezone.now()
        page = Paginator(
            trainer_selectors.sessions_today_and_upcoming(user=user, now=now), PER_PAGE
        ).get_page(request.GET.get("page"))
        return render(
            request,
            "courses/register_mine.html",
            {
                "awaiting": list(
                    trainer_selectors.sessions_awaiting_completion(user=user, now=now)
                ),
                "page": page,
                "now": now,
            },
        )


class CheckInView(LoginRequiredMixin, View):
    """/sessions/<id>/check-in/, opened from the register's QR code. Signing in comes first
    (LoginRequiredMixin brings the person back here); the page then says what to do."""

    template_name = "courses/register_check_in.html"

    def _render(self, request, session, *, booking=None, error=None, status=200):
        opens, closes = policy.check_in_window(session)
        staff = staff_of(request.user)
        if booking is None and staff is not None:
            booking = session.bookings.filter(
                staff=staff, status=Booking.Status.CONFIRMED
            ).first()
        return render(
            request,
            self.template_name,
            {
                "session": session,
                "booking": booking,
                "error": error,
                "open": policy.check_in_open(session),
                "opens": opens,
                "closes": closes,
                "late": booking is not None and policy.arrived_late(booking, session),
            },
            status=status,
        )

    def _session(self, pk) -> Session:
        # Anyone signed in may open a session's public page, so its check-in page too.
        return get_object_or_404(Session.objects.select_related("module"), pk=pk)

    def get(self, request, pk):
        return self._render(request, self._session(pk))

    def post(self, request, pk):
        session = self._session(pk)
        try:
            booking = services.check_in_self(session=session, user=request.user)
        except BookingError as error:
            return self._render(request, session, error=str(error), status=400)
        return self._render(request, session, booking=booking)
