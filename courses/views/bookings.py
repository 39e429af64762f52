"""A person's bookings: cancel, accept an offer, and the approvals of line managers and coordinators."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from courses import selectors, services
from courses.emails import approval_token_read
from courses.exceptions import BookingError
from courses.models import Booking
from courses.policy import acting_for, may_approve


class _BookingActionView(LoginRequiredMixin, View):
    action = None
    success = ""

    def post(self, request, pk):
        booking = get_object_or_404(Booking.objects.select_related("staff"), pk=pk)
        try:
            acting_for(request.user, booking.staff)
        except BookingError:
            # Not yours to act on: it does not exist for you (an "other agency" message
            # would tell whose it is).
            raise Http404 from None
        try:
            self.action(booking=booking, by=request.user)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.success)
        next_url = request.POST.get("next")
        if next_url and next_url.startswith("/") and not next_url.startswith("//"):
            return redirect(next_url)
        return redirect("courses:my_training")


class CancelView(_BookingActionView):
    action = staticmethod(services.booking_cancel)
    success = _("The booking is cancelled.")


class AcceptOfferView(_BookingActionView):
    action = staticmethod(services.offer_accept)
    success = _("You have accepted the place: it is confirmed.")


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
