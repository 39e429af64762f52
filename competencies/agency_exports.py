"""The coordinator's staff list as it leaves the site: exactly the people filtered on the page."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from competencies import exporters
from competencies.compliance import RANK_STATUS, Status


class AgencyStaffExporter(exporters.Exporter):
    """One row per person the agency staff page lists under its filters (every page)."""

    identifier = "agency-staff"
    verbose_name = _("Agency staff and compliance")
    headers = (
        _("First name"),
        _("Last name"),
        _("Email"),
        _("Agency reference"),
        _("Job title"),
        _("Role profile"),
        _("Areas"),
        _("Met"),
        _("Expiring"),
        _("Expired"),
        _("Missing"),
        _("Overall"),
    )

    def preamble(self, *, agency, staff, statuses, filters):
        return [
            [_("Staff and compliance"), agency.name],
            [_("Filters"), filters or _("none")],
            [_("Downloaded"), timezone.now()],
        ]

    def rows(self, *, agency, staff, statuses, filters):
        by_person = {row["pk"]: row for row in statuses}
        labels = dict(Status.choices)
        for person in staff:
            row = by_person.get(person.pk) or {}
            overall = RANK_STATUS.get(row.get("worst_rank"))
            yield [
                person.first_name,
                person.last_name,
                person.email,
                person.employee_ref,
                person.job_title,
                person.role_profile.code if person.role_profile else None,
                [area.name for area in person.areas.all()],
                row.get("met", 0),
                row.get("expiring", 0),
                row.get("expired", 0),
                row.get("missing", 0),
                labels.get(overall, _("No requirements")),
            ]

    def filename(self, *, agency, **params):
        return f"staff-{slugify(agency.short_name)}-{timezone.localdate():%Y-%m-%d}"
