"""Board reports: the dashboard and its exports, scoped by the user's role."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from competencies import exporters
from competencies.services import STAFF_EXPORT, export_log
from courses import policy
from courses.pdf import render_pdf
from courses.reports.board_paper import board_paper_filename, render_board_paper
from courses.reports.definitions import REGISTRY, reports_for
from courses.reports.filters import ReportFilterForm
from courses.reports.scope import report_scope_for
from courses.reports.sections import headline as _headline
from courses.reports.sections import sections as _sections
from courses.reports.summary import executive_summary

# Rows of a table shown on the dashboard; a report's own exports hold every row.
DASHBOARD_ROWS = 30


def _scope_and_filters(request):
    scope = report_scope_for(
        request.user
    )  # PermissionDenied for anyone without a report role
    form = ReportFilterForm(request.GET or None, scope=scope)
    return scope, form, form.filters()


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
            may_subscribe=policy.may_subscribe_to_board_papers(scope),
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
        """The paper drawn in the request (links and bookmarks from before papers were
        stored); the dashboard's button queues a stored one (courses.reports.paper_views)."""
        body = render_board_paper(scope, filters)
        filename = board_paper_filename(scope, on=timezone.localdate())
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
