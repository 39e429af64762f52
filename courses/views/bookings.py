"""A person's bookings: cancel, accept an offer, and the approvals of line managers and coordinators."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from courses import selectors, services
from courses.calendar_invites import calendar_file
from courses.emails import approval_token_read
from courses.exceptions import BookingError
from courses.forms import CancelForm
from courses.models import Booking, BookingSettings
from courses.policy import (
    acting_for,
    approvers_for,
    cancellation_is_late,
    late_cancellation_from,
    may_approve,
)
from courses.views.helpers import with_error


def _booking_for(user, pk: int, *, related=("staff", "session__module")) -> tuple:
    """The booking and how `user` acts on it; one outside their scope is a 404 (an
    "other agency" message would tell whose it is)."""
    booking = get_object_or_404(Booking.objects.select_related(*related), pk=pk)
    try:
        role = acting_for(user, booking.staff)
    except BookingError:
        raise Http404 from None
    return booking, role


def _safe_next(request, default: str) -> str:
    """A `next` path on this site, or `default` (never another site, never a view name)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if (
        next_url.startswith("/")
        and not next_url.startswith("//")
        and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        )
    ):
        return next_url
    return default


class BookingDoneView(LoginRequiredMixin, TemplateView):
    """/bookings/<id>/done/: what the booking came to and what happens next."""

    template_name = "courses/booking_done.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking, role = _booking_for(
            self.request.user,
            self.kwargs["pk"],
            related=("staff__agency", "staff__line_manager", "session__module"),
        )
        booking = (
            Booking.objects.filter(pk=booking.pk)
            .select_related("staff__agency", "session__module")
            .annotate(position=selectors.waitlist_position())
            .get()
        )
        rules = BookingSettings.load()
        context.update(
            booking=booking,
            session=booking.session,
            role=role,
            rules=rules,
            approvers=approvers_for(booking.staff),
            late_from=late_cancellation_from(booking.session, rules),
        )
        return context


class BookingCalendarView(LoginRequiredMixin, View):
    """/bookings/<id>/calendar.ics: the session as a calendar file, for an active booking."""

    def get(self, request, pk):
        booking, _role = _booking_for(request.user, pk)
        if not booking.is_active:
            raise Http404
        response = HttpResponse(
            calendar_file(booking), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="session-{booking.session_id}.ics"'
        )
        return response


class CancelView(LoginRequiredMixin, TemplateView):
    """/bookings/<id>/cancel/: confirm first (GET), then cancel (POST).

    Warns when the cancellation would be late (and what it may cost). Someone cancelling on
    the person's behalf gives a reason, kept on the booking and sent to them.
    """

    template_name = "courses/cancel_confirm.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking, role = _booking_for(self.request.user, self.kwargs["pk"])
        if not booking.is_active:
            raise Http404
        rules = BookingSettings.load()
        context.update(
            booking=booking,
            session=booking.session,
            role=role,
            late=cancellation_is_late(booking, rules=rules, now=timezone.now()),
            charge=rules.no_show_charge_for(booking.session),
            rules=rules,
            next=_safe_next(self.request, ""),
            form=kwargs.get("form") or CancelForm(on_behalf=role != "self"),
        )
        return context

    def post(self, request, pk):
        booking, role = _booking_for(request.user, pk)
        form = CancelForm(request.POST, on_behalf=role != "self")
        if form.is_valid():
            try:
                services.booking_cancel(
                    booking=booking, by=request.user, note=form.cleaned_data["note"]
                )
            except BookingError as error:
                with_error(form, error)
            else:
                messages.success(request, _cancelled_message(booking, role))
                return redirect(_safe_next(request, reverse("courses:my_training")))
        if not booking.is_active:
            return redirect(_safe_next(request, reverse("courses:my_training")))
        return self.render_to_response(self.get_context_data(form=form))


def _cancelled_message(booking: Booking, role: str) -> str:
    if role == "self":
        return _("Your booking for %(module)s is cancelled.") % {
            "module": booking.session.module.title
        }
    return _(
        "%(name)s's booking for %(module)s is cancelled; they have been told why."
    ) % {
        "name": booking.staff.full_name,
        "module": booking.session.module.title,
    }


class AcceptOfferView(LoginRequiredMixin, View):
    def post(self, request, pk):
        booking, _role = _booking_for(request.user, pk)
        try:
            services.offer_accept(booking=booking, by=request.user)
        except BookingError as error:
            messages.error(request, str(error))
            return redirect(_safe_next(request, reverse("courses:my_training")))
        return redirect("courses:booking_done", pk=booking.pk)


class ApprovalsView(LoginRequiredMixin, TemplateView):
    """A line manager's (or coordinator's) bookings waiting for their approval."""

    template_name = "courses/approvals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bookings"] = selectors.approvals_for(user=self.request.user)
        return context


def _decide(request, booking, decision, user):
    action = {"approve": services.booking_approve, "refuse": services.booking_refuse}
    if decision not in action:
        raise Http404
    try:
        action[decision](booking=booking, by=user)
    except BookingError as error:
        messages.error(request, str(error))
        return False
    template = (
        _("Approved: %(name)s's booking.")
        if decision == "approve"
        else _("Refused: %(name)s's booking is cancelled.")
    )
    messages.success(request, template % {"name": booking.staff.full_name})
    return True


class ApprovalDecisionView(LoginRequiredMixin, View):
    def post(self, request, pk, decision):
        booking = get_object_or_404(Booking.objects.select_related("staff"), pk=pk)
        staff = booking.staff
        if staff.user_id != request.user.pk and not may_approve(request.user, staff):
            raise Http404  # only the person's approvers meet their bookings
        _decide(request, booking, decision, request.user)
        return redirect("courses:approvals")


class ApprovalLinkView(View):
    """The signed link emailed to an approver: shows the request; POST answers it.

    The link names the booking and the approver; it works without signing in (it went to the
    approver's work email) and expires after 14 days. GET never changes anything, so mail
    scanners that follow links cannot approve by accident.
    """

    template_name = "courses/approval_link.html"

    def _load(self, token):
        from django.contrib.auth import get_user_model

        try:
            data = approval_token_read(token)
            booking = Booking.objects.select_related(
                "session__module", "staff__agency"
            ).get(pk=data["b"])
            approver = get_user_model().objects.get(pk=data["u"], is_active=True)
        except (signing.BadSignature, KeyError, TypeError, Booking.DoesNotExist):
            return None, None
        except get_user_model().DoesNotExist:
            return None, None
        return booking, approver

    def get(self, request, token):
        booking, approver = self._load(token)
        return render(
            request,
            self.template_name,
            {
                "booking": booking,
                "approver": approver,
                "error": None if booking else str(BookingError("BAD_APPROVAL_LINK")),
            },
            status=200 if booking else 400,
        )

    def post(self, request, token):
        booking, approver = self._load(token)
        if booking is None:
            return self.get(request, token)
        _decide(request, booking, request.POST.get("decision", ""), approver)
        return redirect(reverse("courses:approval_link", args=[token]))
