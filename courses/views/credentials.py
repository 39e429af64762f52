"""/agency/staff/<id>/credential/: a coordinator uploads a credential a new starter brings from
another partnership (or agency) and, if it is trusted, verifies and maps to our competencies,
it becomes competency records (courses.services.credentials); otherwise the page says why."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from competencies import policy as staff_policy
from courses.certificate_views import CredentialForm
from courses.exceptions import CredentialError
from courses.services.credentials import credential_accept
from courses.views.agency import CoordinatorMixin


class CredentialAcceptView(CoordinatorMixin, View):
    template_name = "courses/credential_accept.html"

    def _staff(self, request, pk):
        return get_object_or_404(
            staff_policy.staff_visible_to(request.user).select_related("agency"), pk=pk
        )

    def get(self, request, pk):
        staff = self._staff(request, pk)
        return render(
            request, self.template_name, {"staff": staff, "form": CredentialForm()}
        )

    def post(self, request, pk):
        staff = self._staff(request, pk)
        form = CredentialForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                accepted = credential_accept(
                    staff=staff, token=form.cleaned_data["token"], by=request.user
                )
            except CredentialError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "%(achievement)s from %(issuer)s is now on %(staff)s's record "
                        "(%(count)d competency record(s))."
                    )
                    % {
                        "achievement": accepted.achievement_name,
                        "issuer": accepted.issuer_name,
                        "staff": staff.full_name,
                        "count": accepted.records.count(),
                    },
                )
                return redirect("agency_staff_detail", pk=staff.pk)
        return render(
            request,
            self.template_name,
            {"staff": staff, "form": form},
            status=400,
        )
