"""/planning/: training demand for trainers and commissioners, with CSV and XLSX exports.

Aggregates only (no names). Trainers and administrators plan for the whole partnership; a
board chair sees their board's areas and a coordinator their own agency, as in the reports.
"""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from cms.models import ModulePage
from competencies import exporters
from competencies.models import Area
from competencies.policy import is_trainer
from courses.demand import training_demand
from courses.reports.demand_report import demand_table
from courses.reports.scope import ReportScope, report_scope_for

HORIZONS = [(6, _("6 months")), (12, _("12 months")), (24, _("24 months"))]


def planning_scope(user) -> ReportScope:
    try:
        return report_scope_for(user)
    except PermissionDenied:
        if is_trainer(user):
            return ReportScope(kind="trainer", label="The whole partnership")
        raise


class PlanningForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Horizon"), choices=HORIZONS, coerce=int, initial=12, required=False
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(), required=False, empty_label=_("All areas")
    )
    module = forms.ModelChoiceField(
        queryset=ModulePage.objects.none(), required=False, empty_label=_("All modules")
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = scope.areas()
        self.fields["module"].queryset = ModulePage.objects.live().order_by(
            "level", "title"
        )

    def demand(self, scope):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        area = data.get("area")
        area_ids = {area.pk} if area else scope.area_ids
        module = data.get("module")
        return training_demand(
            staff=scope.staff(),
            months=data.get("months") or 12,
            area_ids=area_ids,
            module_id=module.pk if module else None,
        )


class PlanningView(LoginRequiredMixin, View):
    def get(self, request, fmt=None):
        scope = planning_scope(request.user)
        form = PlanningForm(request.GET or None, scope=scope)
        demand = form.demand(scope)
        if fmt:
            return exporters.registry["training-demand"].response(
                fmt, about=exporters.wants_about(request), demand=demand
            )
        return render(
            request,
            "courses/planning.html",
            {
                "form": form,
                "scope": scope,
                "demand": demand,
                "by_module": demand_table(demand),
                "query": request.GET.urlencode(),
            },
        )


class CrossoversView(LoginRequiredMixin, View):
    """/cross-overs/: modules and competencies that serve several frameworks, and who needs
    them: the candidates for joint training. Aggregates only; CSV and XLSX downloads."""

    def get(self, request, fmt=None):
        from courses.crossovers import crossovers

        scope = planning_scope(request.user)
        modules, shared = crossovers(staff=scope.staff(), area_ids=scope.area_ids)
        if fmt:
            return exporters.registry["crossovers"].response(
                fmt,
                about=exporters.wants_about(request),
                modules=modules,
                shared=shared,
                scope=scope,
            )
        return render(
            request,
            "courses/crossovers.html",
            {"scope": scope, "modules": modules, "shared": shared},
        )
