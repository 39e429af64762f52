"""Link requests: the person's form and status, and the coordinator's list and answer."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from competencies import policy
from competencies.accounts import link_requests as services
from competencies.accounts.exceptions import AccountError
from competencies.accounts.forms import LinkDecisionForm, LinkRequestForm
from competencies.accounts.link_requests import latest_link_request
from competencies.accounts.services import agency_for_email
from competencies.models import LinkRequest, StaffMember


class LinkRequestView(LoginRequiredMixin, FormView):
    """/accounts/link-request/: ask your agency to link your account (or see your request)."""

    template_name = "accounts/link_request.html"
    form_class = LinkRequestForm

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and StaffMember.objects.filter(user=request.user).exists()
        ):
            messages.info(
                request, _("Your account is already linked to a staff record.")
            )
            return redirect("courses:my_training")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        user = self.request.user
        latest = latest_link_request(user)
        if latest is not None:
            return {
                "agency": latest.agency,
                "first_name": latest.first_name,
                "last_name": latest.last_name,
                "job_title": latest.job_title,
            }
        return {
            "agency": agency_for_email(email=user.email),
            "first_name": user.first_name,
            "last_name": user.last_name,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = latest_link_request(self.request.user)
        context["latest"] = latest
        context["pending"] = (
            latest if latest and latest.status == LinkRequest.Status.PENDING else None
        )
        return context

    def form_valid(self, form):
        try:
            services.link_request_create(user=self.request.user, **form.cleaned_data)
        except AccountError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return redirect("accounts:link_request_sent")


class LinkRequestSentView(LoginRequiredMixin, TemplateView):
    """/accounts/link-request/sent/: what happens next."""

    template_name = "accounts/link_request_sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = latest_link_request(self.request.user)
        if latest is None:
            raise Http404
        context.update(
            request_=latest,
            coordinators=list(policy.coordinator_users_of(latest.agency_id)),
        )
        return context


class LinkRequestListView(LoginRequiredMixin, TemplateView):
    """/agency/link-requests/: the coordinator's requests waiting, and the last answered."""

    template_name = "accounts/link_requests.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if policy.agency_ids_visible_to(user) == []:
            raise Http404
        requests = policy.link_requests_visible_to(user).select_related(
            "agency", "user", "staff", "decided_by"
        )
        context.update(
            pending=list(requests.filter(status=LinkRequest.Status.PENDING)),
            answered=list(
                requests.exclude(status=LinkRequest.Status.PENDING).order_by(
                    "-decided_at", "-pk"
                )[:20]
            ),
        )
        return context


class LinkRequestDetailView(LoginRequiredMixin, FormView):
    """/agency/link-requests/<id>/: link, create or decline."""

    template_name = "accounts/link_request_detail.html"
    form_class = LinkDecisionForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.link_request = (
            policy.link_requests_visible_to(request.user)
            .select_related("agency", "user", "staff", "decided_by")
            .filter(pk=kwargs["pk"])
            .first()
        )
        if self.link_request is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agency_id"] = self.link_request.agency_id
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link_request"] = self.link_request
        return context

    def form_valid(self, form):
        decision = form.cleaned_data["decision"]
        name = self.link_request.full_name
        try:
            if decision == form.DECLINE:
                services.link_request_decline(
                    link_request=self.link_request,
                    by=self.request.user,
                    reason=form.cleaned_data["reason"],
                )
                message = _("You declined %(name)s's request; they have been told why.")
            else:
                services.link_request_approve(
                    link_request=self.link_request,
                    by=self.request.user,
                    staff=form.cleaned_data["staff"] if decision == form.LINK else None,
                )
                message = _("%(name)s's account is linked; they have been told.")
        except AccountError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, message % {"name": name})
        return redirect("accounts:link_requests")
