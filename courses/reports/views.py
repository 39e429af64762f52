"""Board reports: the dashboard and its exports, scoped by the user's role."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from competencies import exporters, policy
from competencies.compliance import ComplianceSummary, rollup
from competencies.services import STAFF_EXPORT, export_log
from courses.pdf import render_pdf
from courses.reports import charts
from courses.reports.activity import activity_facts
from courses.reports.definitions import (
    REGISTRY,
    compliance_by_agency_and_profile,
    figure_target,
    reports_for,
)
from courses.reports.export import ATTRIBUTION
from courses.reports.filters import ReportFilterForm
from courses.reports.scope import report_scope_for
from courses.reports.summary import executive_summary, paper_summary_context
from courses.reports.trend import previous_quarter

# Rows of a table shown on the dashboard; the exports and the board paper hold every row.
DASHBOARD_ROWS = 30


def _scope_and_filters(request):
    scope = report_scope_for(
        request.user
    )  # PermissionDenied for anyone without a report role
    form = ReportFilterForm(request.GET or None, scope=scope)
    return scope, form, form.filters()


def _headline(scope, filters) -> dict:
    grouped = compliance_by_agency_and_profile(scope, filters)
    overall = rollup(grouped, lambda key: None).get(None, ComplianceSummary())
    activity = activity_facts(scope=scope, filters=filters)
    target = figure_target(scope, filters)
    return {
        "target": target,
        "rating": policy.rating(
            overall.people_compliant_percent if overall.people else None, target
        ),
        "previous": previous_quarter(scope, filters, overall),
        "staff": overall.people,
        "people_compliant": overall.people_compliant,
        "people_compliant_percent": overall.people_compliant_percent,
        "requirements": overall.requirements,
        "requirements_compliant_percent": overall.requirements.compliant_percent,
        "activity": activity.total,
        "unique_learners": activity.unique_learners,
        "three_sector_percent": activity.three_sector_percent,
        "evaluation": activity.evaluation_overall,
    }


def _sections(scope, filters, reports, *, row_limit=None):
    """Each report's table (and chart). On the page a long table shows its first
    `row_limit` rows and says how many more the exports hold; the PDF and exports show all."""
    sections = []
    for report in reports:
        table = report.table(scope=scope, filters=filters)
        rows, hidden = table.rows, 0
        if row_limit is not None and len(rows) > row_limit + 1:
            # Keep a closing total row in view.
            last = rows[-1] if str(rows[-1][0]).startswith("Total") else None
            hidden = len(rows) - row_limit - (1 if last else 0)
            rows = rows[:row_limit] + ([last] if last else [])
        sections.append(
            {
                "report": report,
                "table": table,
                "rows": rows,
                "hidden_rows": hidden,
                "chart_uri": charts.data_uri(table.chart_svg)
                if table.chart_svg
                else None,
            }
        )
    return sections


def _on_dashboard(report) -> bool:
    # Areas: in the exports and the paper (a person in several areas counts in each).
    return (
        not report.named and report.on_dashboard and report.slug != "compliance-by-area"
    )


class ReportsDashboardView(LoginRequiredMixin, TemplateView):
    template_name = "courses/reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope, form, filters = _scope_and_filters(self.request)
        reports = reports_for(scope)
        shown = [r for r in reports if _on_dashboard(r)]
        dashboard = [r for r in shown if not r.deferred]
        headline = _headline(scope, filters)
        sections = _sections(scope, filters, dashboard, row_limit=DASHBOARD_ROWS)
        context.update(
            scope=scope,
            form=form,
            filters=filters,
            headline=headline,
            sections=sections,
            summary=executive_summary(scope, filters, headline, sections),
            deferred=[r for r in shown if r.deferred],
            reports=reports,
            querystring=self.request.GET.urlencode(),
            may_set_targets=scope.kind in ("administrator", "board_chair"),
        )
        return context


class ReportSectionView(LoginRequiredMixin, TemplateView):
    """`/reports/<report>/section/`: one dashboard section on its own, for a report that loads
    after the dashboard (Report.deferred). The dashboard's script asks for the bare fragment
    (`?fragment=1`) and puts it in place; without the script its link opens this page."""

    def get_template_names(self):
        if self.request.GET.get("fragment") == "1":
            return ["courses/reports/_section.html"]
        return ["courses/reports/section_page.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope, _form, filters = _scope_and_filters(self.request)
        report = REGISTRY.get(self.kwargs["slug"])
        if (
            report is None
            or report not in reports_for(scope)
            or not _on_dashboard(report)
        ):
            raise Http404("No such report.")
        query = self.request.GET.copy()
        query.pop("fragment", None)
        context.update(
            scope=scope,
            filters=filters,
            section=_sections(scope, filters, [report], row_limit=DASHBOARD_ROWS)[0],
            querystring=query.urlencode(),
        )
        return context


class ReportExportView(LoginRequiredMixin, View):
    """`/reports/<report>.<csv|xlsx|pdf>`: the same figures, honouring scope and filters."""

    def get(self, request, slug, fmt):
        scope, _form, filters = _scope_and_filters(request)
        report = REGISTRY.get(slug)
        if slug == "board-paper" and fmt == "pdf":
            return self.board_paper(request, scope, filters)
        if report is None or report not in reports_for(scope):
            raise Http404("No such report.")
        table = report.table(scope=scope, filters=filters)
        if report.named:
            # Who took a list of names away: an entry on each agency the list covers.
            agencies = scope.agencies().values_list("pk", flat=True)
            export_log(
                user=request.user,
                action=STAFF_EXPORT,
                rows_by_agency=dict.fromkeys(agencies, len(table.rows)),
                fmt=fmt,
                purpose=f"report {report.slug}",
            )
        if fmt != "pdf":
            return exporters.registry["report"].response(
                fmt,
                about=exporters.wants_about(request),
                report=report,
                table=table,
                filters=filters,
                scope=scope,
            )
        body = render_pdf(
            "courses/reports/report_pdf.html",
            {
                "scope": scope,
                "filters": filters,
                "sections": _sections(scope, filters, [report]),
                "title": report.title,
                "generated": timezone.localtime(),
            },
        )
        stamp = timezone.localdate().isoformat()
        filename = f"{report.slug}-{slugify(scope.label)}-{stamp}.pdf"
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def board_paper(self, request, scope, filters):
        reports = [r for r in reports_for(scope) if not r.named]
        headline, sections = (
            _headline(scope, filters),
            _sections(scope, filters, reports),
        )
        body = render_pdf(
            "courses/reports/board_paper.html",
            {
                "scope": scope,
                "filters": filters,
                "headline": headline,
                "sections": sections,
                **paper_summary_context(scope, filters, headline, sections),
                "title": "Safeguarding training: board report",
                "attribution": ATTRIBUTION,
                "generated": timezone.localtime(),
            },
        )
        filename = (
            f"board-paper-{slugify(scope.label)}-{timezone.localdate().isoformat()}.pdf"
        )
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
