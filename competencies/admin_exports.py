"""The Wagtail admin's spreadsheet downloads, written by the one CSV and XLSX writer.

Wagtail's listings (`list_export` on ModelViewSet and SnippetViewSet) and its reports (site
history, locked pages, aging pages, workflows, workflow tasks) export through
`SpreadsheetExportMixin`, which writes text as it is (a staff member named `=HYPERLINK(...)`
became a live link in Excel), CSV without a byte-order mark (LibreOffice showed "Zoë" as
"ZoÃ«") and datetimes in UTC. `ListingExportMixin` hands the same headings and values to
`competencies.exporters` instead, through the "admin-listing" exporter, so they are escaped,
typed and in local time like every other download.
"""

from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.coreutils import multigetattr

from competencies import exporters
from competencies.services import export_log


class ListingExporter(exporters.Exporter):
    """A Wagtail listing view's export: its headings, then one row per item it lists."""

    identifier = "admin-listing"
    verbose_name = _("Admin listing")

    def get_headers(self, *, view, queryset, fmt):
        return [self._heading(view, queryset, field) for field in view.list_export]

    @staticmethod
    def _heading(view, queryset, field) -> str:
        # Wagtail falls back to the bare field name ("started_at"): say it in words.
        heading = str(view.get_heading(queryset, field))
        return heading.replace("_", " ").capitalize() if heading == field else heading

    def tables(self, *, view, queryset, fmt):
        headers = self.get_headers(view=view, queryset=queryset, fmt=fmt)
        rows = self.rows(view=view, queryset=queryset, fmt=fmt)
        return [exporters.Table(headers, rows, title=self._title(view))]

    def preamble(self, *, view, queryset, fmt):
        return [[self._title(view)]]

    @staticmethod
    def _title(view) -> str:
        # The listing's own heading ("Staff members", "Site history"): the sheet's name.
        get_title = getattr(view, "get_page_title", None)
        return str((get_title and get_title()) or ListingExporter.verbose_name)

    def rows(self, *, view, queryset, fmt):
        for item in queryset:
            yield [
                view.export_value(field, value, fmt)
                for field, value in view.to_row_dict(item).items()
            ]


class ListingExportMixin:
    """For views with Wagtail's SpreadsheetExportMixin: its CSV and XLSX through our writer."""

    def to_row_dict(self, item):
        # A missing relation (a person with no role profile) is an empty cell, not a 500.
        row = {}
        for field in self.list_export:
            try:
                row[field] = multigetattr(item, field)
            except AttributeError:
                row[field] = None
        return row

    def export_value(self, field, value, fmt):
        """A field's own preprocessing (site history: action labels) still applies; the
        writer does the typing and escaping of everything."""
        preprocess = self.custom_field_preprocess.get(field, {}).get(fmt)
        return preprocess(value) if preprocess else value

    def _exporter(self):
        return exporters.registry[ListingExporter.identifier]

    def stream_csv(self, queryset):
        lines = self._exporter().lines(
            about=exporters.wants_about(self.request),
            view=self,
            queryset=queryset,
            fmt=self.FORMAT_CSV,
        )
        return exporters.csv_lines(lines)

    def write_xlsx(self, queryset, output):
        sheets = self._exporter().sheets(
            view=self, queryset=queryset, fmt=self.FORMAT_XLSX
        )
        output.write(exporters.xlsx_bytes(sheets))


class AuditedExportMixin:
    """Listing export: who downloaded it goes in each listed agency's audit log."""

    export_action = ""
    export_agency_field = "agency"

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows_by_agency = dict(
            queryset.order_by()
            .values_list(self.export_agency_field)
            .annotate(n=Count("pk"))
        )
        export_log(
            user=self.request.user,
            action=self.export_action,
            rows_by_agency=rows_by_agency,
            fmt=spreadsheet_format,
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class ExportIndexView(ListingExportMixin, IndexView):
    """The index view of every ModelViewSet of ours with a `list_export`."""


class SiteHistoryView(ListingExportMixin, LogEntriesView):
    """Wagtail's site history report; entries are labelled with people's names."""


class LockedPagesReport(ListingExportMixin, LockedPagesView):
    pass


class AgingPagesReport(ListingExportMixin, AgingPagesView):
    pass


class WorkflowReport(ListingExportMixin, WorkflowView):
    pass


class WorkflowTasksReport(ListingExportMixin, WorkflowTasksView):
    pass


def _admin(view):
    return never_cache(require_admin_access(view))


def _report(prefix: str, view, name: str) -> list:
    """A report's page and its results fragment (the filters' live update), both ours."""
    return [
        path(f"{prefix}/", _admin(view.as_view()), name=name),
        path(
            f"{prefix}/results/",
            _admin(view.as_view(results_only=True)),
            name=f"{name}_results",
        ),
    ]


# Served ahead of Wagtail's own report URLs (config/urls.py), which they replace at the same
# paths and names: Wagtail's admin URLs come before any added by hooks, so a hook cannot.
# (Page types usage has no export, so it stays Wagtail's.)
admin_report_urlpatterns = [
    *_report("site-history", SiteHistoryView, "site_history"),
    *_report("locked", LockedPagesReport, "locked_pages"),
    *_report("aging-pages", AgingPagesReport, "aging_pages"),
    *_report("workflow", WorkflowReport, "workflow"),
    *_report("workflow_tasks", WorkflowTasksReport, "workflow_tasks"),
]
