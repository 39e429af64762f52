"""Evaluations and three-month follow-ups, and their results for trainers."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cms.models import ModulePage
from courses import policy, selectors, services
from courses.exceptions import BookingError
from courses.forms import (
    EvaluationForm,
    FollowUpForm,
)
from courses.models import Booking, Session
from courses.views.helpers import with_error


class _AttendeeBookingMixin(LoginRequiredMixin):
    def _booking(self, request, pk):
        booking = get_object_or_404(
            Booking.objects.select_related("session__module", "staff"), pk=pk
        )
        if booking.staff.user_id != request.user.pk:
            raise Http404
        return booking


class EvaluationView(_AttendeeBookingMixin, View):
    template_name = "courses/evaluation_form.html"

    def _form(self, booking, data=None):
        outcomes = booking.session.module.outcomes or [_("The module as a whole")]
        return EvaluationForm(data, outcomes=outcomes)

    def get(self, request, pk):
        booking = self._booking(request, pk)
        return render(
            request,
            self.template_name,
            {"booking": booking, "form": self._form(booking)},
        )

    def post(self, request, pk):
        booking = self._booking(request, pk)
        form = self._form(booking, request.POST)
        if form.is_valid():
            try:
                services.evaluation_create(
                    booking=booking,
                    by=request.user,
                    overall_rating=form.cleaned_data["overall_rating"],
                    confidence=form.confidence(),
                    do_differently=form.cleaned_data["do_differently"],
                )
            except BookingError as error:
                with_error(form, error)
            else:
                messages.success(request, _("Thank you: your evaluation is sent."))
                return redirect("courses:my_training")
        return render(request, self.template_name, {"booking": booking, "form": form})


def _follow_up_when(booking) -> dict:
    """The day the follow-up opens and whether it has (before then: no form, only the date)."""
    return {
        "due": policy.follow_up_opens_on(booking.session),
        "is_open": policy.follow_up_open(booking),
    }


class FollowUpView(_AttendeeBookingMixin, View):
    template_name = "courses/follow_up_form.html"

    def get(self, request, pk):
        booking = self._booking(request, pk)
        return render(
            request,
            self.template_name,
            {"booking": booking, "form": FollowUpForm(), **_follow_up_when(booking)},
        )

    def post(self, request, pk):
        booking = self._booking(request, pk)
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.follow_up_create(
                    booking=booking,
                    by=request.user,
                    practice_changed=form.cleaned_data["practice_changed"],
                    example=form.cleaned_data["example"],
                )
            except BookingError as error:
                with_error(form, error)
            else:
                messages.success(request, _("Thank you: your follow-up is sent."))
                return redirect("courses:my_training")
        return render(
            request,
            self.template_name,
            {"booking": booking, "form": form, **_follow_up_when(booking)},
        )


class SessionEvaluationsView(LoginRequiredMixin, TemplateView):
    """Evaluation results of one session, for its trainers."""

    template_name = "courses/session_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = get_object_or_404(
            policy.sessions_run_by(self.request.user).select_related("module"),
            pk=self.kwargs["pk"],
        )
        bookings = session.bookings.filter(status=Booking.Status.CONFIRMED)
        evaluations = (
            bookings.filter(evaluation__isnull=False)
            .select_related("evaluation", "follow_up")
            .order_by("pk")
        )
        context.update(
            session=session,
            summary=selectors.evaluation_summary(bookings=bookings),
            evaluations=[b.evaluation for b in evaluations],
            comments=[
                b.evaluation.do_differently
                for b in evaluations
                if b.evaluation.do_differently
            ],
        )
        return context


class ModuleEvaluationsView(LoginRequiredMixin, TemplateView):
    """Evaluation results of every completed session of a module, for trainers."""

    template_name = "courses/module_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not policy.may_see_module_results(self.request.user):
            raise PermissionDenied
        module = get_object_or_404(ModulePage, pk=self.kwargs["module_id"])
        bookings = Booking.objects.filter(
            session__module=module,
            session__status=Session.Status.COMPLETED,
            status=Booking.Status.CONFIRMED,
        )
        context.update(
            module=module,
            summary=selectors.evaluation_summary(bookings=bookings),
            sessions=selectors.evaluations_by_session(module_id=module.pk),
        )
        return context
