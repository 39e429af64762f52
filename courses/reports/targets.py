"""/reports/targets/: a board chair (or an administrator) sets the board's compliance targets.

Every compliance figure is then shown against its target with a red/amber/green rating
(the rule is competencies.policy's, documented in docs/compliance.md, Targets).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from competencies import policy, services
from competencies.exceptions import CompetencyError
from competencies.models import LEVEL_NUMBERS, Agency, ComplianceTarget


class TargetForm(forms.Form):
    board = forms.ModelChoiceField(queryset=None, label=_("Board"), empty_label=None)
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Every sector"))] + list(Agency.Sector.choices),
    )
    role_level = forms.TypedChoiceField(
        label=_("Role level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Every level"))]
        + [(n, _("Level %s") % n) for n in LEVEL_NUMBERS],
    )
    percent = forms.IntegerField(
        label=_("Target: % of staff fully compliant"),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Enter the target as a whole percentage, like 90"),
            "invalid": _("Enter the target as a whole number, like 90"),
            "min_value": _("The target must be at least 1%%"),
            "max_value": _("The target cannot be more than 100%%"),
        },
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards


class TargetsView(LoginRequiredMixin, TemplateView):
    template_name = "courses/reports/targets.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.boards = policy.boards_targetable_by(request.user)
            if not self.boards.exists():
                raise Http404("No boards whose targets you set.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=kwargs.get("form") or TargetForm(boards=self.boards),
            targets=ComplianceTarget.objects.filter(board__in=self.boards)
            .select_related("board")
            .order_by("board__name", "sector", "role_level"),
            amber_points=policy.RAG_AMBER_POINTS,
        )
        return context

    def post(self, request):
        if "remove" in request.POST:
            target = get_object_or_404(
                ComplianceTarget,
                pk=_int_or_none(request.POST.get("remove")),
                board__in=self.boards,
            )
            services.target_remove(target=target, user=request.user)
            messages.success(request, _("Target removed: %s") % target)
            return redirect("report_targets")
        form = TargetForm(request.POST, boards=self.boards)
        if form.is_valid():
            data = form.cleaned_data
            try:
                target = services.target_set(
                    board=data["board"],
                    sector=data["sector"] or "",
                    role_level=data["role_level"],
                    percent=data["percent"],
                    user=request.user,
                )
            except CompetencyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Target set: %s") % target)
                return redirect("report_targets")
        return self.render_to_response(self.get_context_data(form=form))


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
