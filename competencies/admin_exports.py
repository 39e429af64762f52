"""The Wagtail admin's spreadsheet downloads, written by the one CSV and XLSX writer.

Wagtail's listings (`list_export` on ModelViewSet and SnippetViewSet) and its site-history
report export through `SpreadsheetExportMixin`, which writes text as it is: a staff member
named `=HYPERLINK(...)` became a live link in Excel. `ListingExportMixin` hands the same
headings and values to `competencies.exporters` instead, through the "admin-listing"
exporter, so they are escaped and typed like every other download.
"""

from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.coreutils import multigetattr

from competencies import exporters
from competencies.services import export_log


class ListingExporter(exporters.Exporter):
    """A Wagtail listing view's export: its headings, then one row per item it lists."""

    identifier = "admin-listing"
    verbose_name = _("Admin listing")

    def get_headers(self, *, view, queryset, fmt):
        return [view.get_heading(queryset, field) for field in view.list_export]

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


def _admin(view):
    return never_cache(require_admin_access(view))


# Served ahead of Wagtail's own site-history URLs (config/urls.py), which they replace:
# Wagtail's admin URLs come before any added by hooks, so a hook cannot replace them.
site_history_urlpatterns = [
    path("site-history/", _admin(SiteHistoryView.as_view()), name="site_history"),
    path(
        "site-history/results/",
        _admin(SiteHistoryView.as_view(results_only=True)),
        name="site_history_results",
    ),
]
