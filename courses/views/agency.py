"""A training coordinator's booking work for their agency: every booking of their staff
(/agency/bookings/) and booking several people onto a session at once
(/sessions/<id>/book-staff/). Administrators see every agency."""

import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from competencies import policy as staff_policy
from competencies.agency_views.staff_list import page_links
from competencies.selectors import staff_search_q
from courses import policy, selectors, services
from courses.agency_forms import AgencyBookingsFilterForm, BookStaffForm
from courses.exceptions import BookingError
from courses.models import Booking, Session

OUTCOMES = {
    Booking.Status.CONFIRMED: ("booked", _("Booked")),
    Booking.Status.WAITLISTED: ("waitlisted", _("On the waiting list")),
    Booking.Status.PENDING_APPROVAL: ("approval", _("Needs approval")),
}
REFUSED = ("refused", _("Not booked"))


class CoordinatorMixin(LoginRequiredMixin):
    """Training coordinators (their agency) and administrators (every agency) only."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            staff_policy.agency_ids_visible_to(request.user) == []
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def query_without(request, *keys) -> str:
    query = request.GET.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


class AgencyBookingsView(CoordinatorMixin, View):
    """Every booking of the agency's staff, filtered by session, status, person and time."""

    template_name = "courses/agency_bookings.html"
    paginate_by = 50

    def get(self, request):
        user = request.user
        now = timezone.now()
        bookings = policy.bookings_visible_to(user).filter(
            staff_policy.agency_q(user, "staff__agency_id")
        )
        recent = now - datetime.timedelta(days=365)
        sessions = (
            Session.objects.filter(start__gte=recent, bookings__in=bookings)
            .select_related("module")
            .distinct()
            .order_by("start", "pk")
        )
        form = AgencyBookingsFilterForm(request.GET or None, sessions=sessions)
        data = form.cleaned_data if form.is_valid() else {}
        when = data.get("when") or "upcoming"
        if data.get("q"):
            bookings = bookings.filter(staff_search_q(data["q"], prefix="staff__"))
        if data.get("session"):
            bookings = bookings.filter(session=data["session"])
        if data.get("status"):
            bookings = bookings.filter(status=data["status"])
        if when == "upcoming":
            bookings = bookings.filter(session__start__gt=now).order_by(
                "session__start", "staff__last_name", "staff__first_name", "pk"
            )
        else:
            if when == "past":
                bookings = bookings.filter(session__start__lte=now)
            bookings = bookings.order_by(
                "-session__start", "staff__last_name", "staff__first_name", "pk"
            )
        bookings = bookings.select_related("session__module", "staff")
        page = Paginator(bookings, self.paginate_by).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "page": page,
                "page_links": page_links(page),
                "bookings": page.object_list,
                "querystring": query_without(request, "page"),
                "approvals_waiting": selectors.approvals_for(user=user).count(),
                "now": now,
                "here": request.get_full_path(),
            },
        )


class BookStaffView(CoordinatorMixin, View):
    """Find people (server-side search: name, email or agency reference) and book the ones
    ticked, one booking each through the booking service, reporting each outcome."""

    template_name = "courses/book_staff.html"
    partial_template_name = "courses/_staff_chooser_results.html"
    paginate_by = 25

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            Session.objects.select_related("module", "area"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def bookable_staff(self):
        return staff_policy.staff_visible_to(self.request.user).filter(
            staff_policy.staff_active_q()
        )

    def get(self, request, pk):
        return self.render(form=None)

    def post(self, request, pk):
        form = BookStaffForm(request.POST, staff=self.bookable_staff())
        if not form.is_valid():
            return self.render(form=form)
        results = []
        for person in form.cleaned_data["staff"].order_by(
            "last_name", "first_name", "pk"
        ):
            try:
                booking = services.booking_create(
                    session=self.session, staff=person, booked_by=request.user
                )
            except BookingError as error:
                outcome, label, detail = *REFUSED, str(error)
            else:
                outcome, label = OUTCOMES.get(booking.status, REFUSED)
                detail = ""
            results.append(
                {"staff": person, "outcome": outcome, "label": label, "detail": detail}
            )
        return self.render(form=None, results=results)

    def render(self, *, form, results=None):
        request = self.request
        search = request.GET.get("q", "").strip()[:200]
        candidates = (
            self.bookable_staff()
            .filter(staff_search_q(search))
            .select_related("agency")
            .annotate(
                booked=Exists(
                    Booking.objects.filter(
                        session=self.session,
                        staff=OuterRef("pk"),
                        status__in=Booking.ACTIVE,
                    )
                )
            )
            .order_by("last_name", "first_name", "pk")
        )
        page = Paginator(candidates, self.paginate_by).get_page(request.GET.get("page"))
        context = {
            "session": self.session,
            "bookable": policy.bookable(self.session),
            "form": form,
            "results": results,
            "search": search,
            "page": page,
            "page_links": page_links(page),
            "people": page.object_list,
            "querystring": query_without(request, "page", "partial"),
            "show_agency": staff_policy.can_see_all_agencies(request.user),
        }
        partial = request.method == "GET" and request.GET.get("partial") == "1"
        template = self.partial_template_name if partial else self.template_name
        return render(request, template, context)
