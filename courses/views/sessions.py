"""/sessions/: the list, one session's page, and booking it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from competencies.accounts.link_requests import latest_link_request
from competencies.policy import coordinated_agency_id
from courses import policy, selectors, services
from courses.exceptions import BookingError
from courses.forms import (
    BookForm,
    SessionFilterForm,
)
from courses.models import Booking, BookingSettings, Session
from courses.policy import runs_session
from courses.views.helpers import staff_of, with_error


class SessionListView(TemplateView):
    """/sessions/: upcoming joint sessions with filters; the same queries at any size."""

    template_name = "courses/session_list.html"
    per_page = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SessionFilterForm(self.request.GET or None)
        if form.is_bound and form.is_valid():
            sessions = selectors.sessions_upcoming(**form.selector_kwargs())
        else:
            sessions = selectors.sessions_upcoming()
        page = Paginator(sessions, self.per_page).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form, page_obj=page, sessions=page.object_list, query=query.urlencode()
        )
        return context


class SessionDetailView(TemplateView):
    """/sessions/<id>/: what the session delivers, who it is for, places left, the terms,
    and either Book or why this person cannot book and what to do instead."""

    template_name = "courses/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            session = selectors.session_for_page(self.kwargs["pk"])
        except Session.DoesNotExist:
            raise Http404 from None
        user = self.request.user
        staff = staff_of(user)
        agency_id = coordinated_agency_id(user) if user.is_authenticated else None
        now = timezone.now()
        rules = BookingSettings.load()
        my_booking = None
        if staff is not None:
            my_booking = (
                session.bookings.filter(staff=staff, status__in=Booking.ACTIVE)
                .annotate(position=selectors.waitlist_position())
                .first()
            )
        viewer_agency_id = staff.agency_id if staff is not None else agency_id
        places = (
            selectors.agency_places(
                session, agency_id=viewer_agency_id, rules=rules, now=now
            )
            if viewer_agency_id is not None
            else None
        )
        refusal = policy.booking_refusal(session, staff, user=user, now=now)
        if refusal is not None and refusal.code == "NO_STAFF_RECORD":
            latest = latest_link_request(user)
            if latest is not None and latest.status == latest.Status.PENDING:
                context["pending_link_request"] = latest
        context.update(
            session=session,
            module=session.module,
            audience=list(session.module.audience.all()),
            staff=staff,
            my_booking=my_booking,
            refusal=refusal,
            # No refusal, but no place this agency may take: the booking joins the queue.
            waitlist_only=refusal is None
            and places is not None
            and not places["has_room"],
            agency_places=places,
            approval_needed=(
                policy.needs_approval(session, staff)
                if staff is not None
                else session.requires_manager_approval
            ),
            approvers=policy.approvers_for(staff) if staff is not None else [],
            rules=rules,
            late_from=policy.late_cancellation_from(session, rules),
            charge=rules.no_show_charge_for(session),
            book_form=kwargs.get("book_form") or BookForm(),
            agency_form=kwargs.get("agency_form")
            or (BookForm(agency_id=agency_id) if agency_id else None),
            is_trainer=runs_session(user, session),
            bookable=policy.bookable(session),
        )
        return context


class BookView(LoginRequiredMixin, View):
    """POST /sessions/<id>/book/: book yourself, or (coordinator) someone of your agency."""

    def post(self, request, pk):
        session = get_object_or_404(Session, pk=pk)
        agency_id = coordinated_agency_id(request.user)
        on_behalf = "staff" in request.POST
        form = BookForm(request.POST, agency_id=agency_id if on_behalf else None)
        if on_behalf and agency_id is None:
            return self._error(
                request, session, form, on_behalf, _("You can only book yourself.")
            )
        if not form.is_valid():
            return self._error(request, session, form, on_behalf, None)
        staff = form.cleaned_data.get("staff") if on_behalf else staff_of(request.user)
        if staff is None:
            return self._error(
                request,
                session,
                form,
                on_behalf,
                _(
                    "Your login is not linked to a staff record. Ask your training coordinator."
                ),
            )
        try:
            booking = services.booking_create(
                session=session, staff=staff, booked_by=request.user
            )
        except BookingError as error:
            return self._error(request, session, form, on_behalf, error)
        if on_behalf:
            messages.success(request, _booking_message(booking))
            return redirect(session.get_absolute_url())
        return redirect("courses:booking_done", pk=booking.pk)

    def _error(self, request, session, form, on_behalf, error):
        if error is not None:
            with_error(form, error)
        view = SessionDetailView(request=request, kwargs={"pk": session.pk})
        key = "agency_form" if on_behalf else "book_form"
        context = view.get_context_data(pk=session.pk, **{key: form})
        return render(request, view.template_name, context, status=200)


def _booking_message(booking: Booking) -> str:
    return {
        Booking.Status.CONFIRMED: _("%(name)s has a place: confirmed."),
        Booking.Status.WAITLISTED: _(
            "The session has no place for %(name)s right now: on the waiting list."
        ),
        Booking.Status.PENDING_APPROVAL: _(
            "A place is held for %(name)s while their line manager approves it."
        ),
    }.get(booking.status, _("Booked.")) % {"name": booking.staff.full_name}
