"""/reports/subscriptions/: a board chair (or an administrator) has the board paper emailed
monthly or quarterly, under the dashboard's filters; the period fixes the dates."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from courses import policy
from courses.exceptions import ReportError
from courses.models import BoardPaperSubscription
from courses.reports.filters import ReportFilterForm
from courses.reports.scope import report_scope_for
from courses.services import board_papers as services

FILTER_FIELDS = ("area", "agency", "sector", "role_profile", "module", "level")


class SubscriptionForm(ReportFilterForm):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=BoardPaperSubscription.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose monthly or quarterly")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["start"], self.fields["end"]  # the period fixes them
        self.order_fields(["frequency"])

    def querystring(self) -> str:
        """The chosen filters as the dashboard would put them in its address."""
        data = QueryDict(mutable=True)
        for name in FILTER_FIELDS:
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                data[name] = getattr(value, "pk", value)
        return data.urlencode()


def subscriber_scope(request):
    """403 for anyone who may not subscribe (coordinators, staff); the scope otherwise."""
    scope = report_scope_for(request.user)
    if not policy.may_subscribe_to_board_papers(scope):
        raise PermissionDenied
    return scope


class SubscriptionsView(LoginRequiredMixin, TemplateView):
    template_name = "courses/reports/subscriptions.html"

    def get_context_data(self, **kwargs):
        scope = kwargs.pop("scope")
        return {
            **super().get_context_data(**kwargs),
            "scope": scope,
            "form": kwargs.get("form") or SubscriptionForm(scope=scope),
            "subscriptions": self.request.user.board_paper_subscriptions.order_by(
                "created_at", "pk"
            ),
            "monthly_example": policy.period_due(policy.MONTHLY),
            "quarterly_example": policy.period_due(policy.QUARTERLY),
        }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(scope=subscriber_scope(request))
        )

    def post(self, request):
        scope = subscriber_scope(request)
        form = SubscriptionForm(request.POST, scope=scope)
        if form.is_valid():
            try:
                subscription = services.subscription_create(
                    user=request.user,
                    frequency=form.cleaned_data["frequency"],
                    querystring=form.querystring(),
                )
            except ReportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Subscribed: %s. It comes by email to %s.")
                    % (subscription.get_frequency_display(), request.user.email),
                )
                return redirect("report_subscriptions")
        return self.render_to_response(self.get_context_data(scope=scope, form=form))


class UnsubscribeView(LoginRequiredMixin, TemplateView):
    """Asks first (GET), then stops the subscription (POST)."""

    template_name = "courses/reports/unsubscribe.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            subscriber_scope(request)
            self.subscription = get_object_or_404(
                BoardPaperSubscription, pk=kwargs["pk"], user=request.user
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "subscription": self.subscription,
        }

    def post(self, request, pk):
        services.subscription_cancel(subscription=self.subscription, user=request.user)
        messages.success(request, _("Unsubscribed: the board paper no longer comes."))
        return redirect("report_subscriptions")
