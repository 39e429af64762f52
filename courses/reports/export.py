"""The courses app's tables that leave the site: board reports, training demand, cross-overs.

Each is a `competencies.exporters.Exporter`, so the one CSV and XLSX writer types and escapes
every cell (numbers stay numbers in XLSX; formula-like text is never run). The reports'
filters and the area-attribution rule go to the "About" sheet (and, when asked, above the
CSV's table), as boards need to know what they read. Registered in `CoursesConfig.ready()`.
"""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from competencies.exporters import Exporter, Table
from courses.reports.demand_report import demand_table

ATTRIBUTION = (
    "Staff count for every area they work in. "
    "Activity: a session counts when it was completed in the period and staff in scope held a "
    "confirmed place on it; its places, bookings and mix are the whole session's."
)


class ReportExporter(Exporter):
    """One board report (courses.reports.definitions) under its title, scope and filters."""

    identifier = "report"
    verbose_name = _("Board report")

    def preamble(self, *, report, table, filters, scope):
        return [
            [report.title],
            ["Scope", scope.label],
            *([label, value] for label, value in filters.describe()),
            ["Area attribution", ATTRIBUTION],
        ]

    def tables(self, *, report, table, filters, scope):
        return [Table(table.headers, table.rows, title=report.title)]

    def filename(self, *, report, table, filters, scope):
        stamp = timezone.localdate().isoformat()
        return f"{report.slug}-{slugify(scope.label)}-{stamp}"


AGENCY_HEADERS = [
    _("Area"),
    _("Agency"),
    _("Module"),
    _("Missing now"),
    _("Expiring within horizon"),
    _("Already booked"),
    _("Still to train"),
]


class TrainingDemandExporter(Exporter):
    """/planning/'s figures: by area and module, then by area, agency and module."""

    identifier = "training-demand"
    verbose_name = _("Training demand")

    def preamble(self, *, demand):
        return [[f"Training demand to {demand.horizon_end:%-d %B %Y}"]]

    def tables(self, *, demand):
        by_module = demand_table(demand)
        by_agency = (
            [
                r.area,
                r.agency,
                r.module,
                r.missing_now,
                r.expiring,
                r.booked,
                r.to_train,
            ]
            for r in demand.by_agency
        )
        return [
            Table(by_module.headers, by_module.rows, title=_("By area and module")),
            Table(AGENCY_HEADERS, by_agency, title=_("By area, agency and module")),
        ]


MODULE_HEADERS = [
    _("Module"),
    _("Level"),
    _("Frameworks"),
    _("Crosswalk"),
    _("Who needs it"),
    _("People needing"),
    _("One session serves"),
]
SHARED_HEADERS = [
    _("Competency"),
    _("Title"),
    _("Framework"),
    _("Maps to"),
    _("Title"),
    _("Framework"),
    _("Kind"),
    _("Note"),
    _("People with a gap in either"),
]


class CrossoversExporter(Exporter):
    """/cross-overs/: modules serving several frameworks, then the shared competencies."""

    identifier = "crossovers"
    verbose_name = _("Cross-overs: candidates for joint training")

    def preamble(self, *, modules, shared, scope):
        return [[self.verbose_name], [_("Scope"), scope.label]]

    def tables(self, *, modules, shared, scope):
        module_rows = (
            [
                c.module,
                c.level,
                "; ".join(c.frameworks),
                ", ".join(c.mappings),
                ", ".join(f"{agency} ({n})" for agency, n in c.agencies),
                c.needing,
                c.one_session_serves,
            ]
            for c in modules
        )
        shared_rows = (
            [
                s.code,
                s.title,
                s.framework,
                s.maps_to,
                s.maps_to_title,
                s.maps_to_framework,
                s.kind,
                s.note,
                s.people_with_a_gap,
            ]
            for s in shared
        )
        return [
            Table(
                MODULE_HEADERS, module_rows, title=_("Modules for several frameworks")
            ),
            Table(SHARED_HEADERS, shared_rows, title=_("Shared competencies")),
        ]

    def filename(self, **params):
        return "cross-overs"
