"""The reports a board asks for. Each is a title, headers and rows for a scope and filters.

Rows come from the compliance service and the report queries, in a constant number of queries
whatever the data size; one renderer turns them into the page table, CSV, XLSX and PDF.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from competencies import policy, selectors
from competencies.compliance import (
    STATUS_ORDER,
    compliance_summary,
    rollup,
    staff_overall_status,
)
from competencies.models import Agency, Area, RoleProfile, StaffMember
from courses.reports import charts

REGISTRY: dict[str, "Report"] = {}


def register(cls):
    REGISTRY[cls.slug] = cls()
    return cls


@dataclass
class Table:
    headers: list[str]
    rows: list[list]
    chart_svg: str | None = None
    chart_title: str = ""
    # The last row sums up the rest (a "Total"): kept in view when a long table is cut.
    closing_row: bool = False


class Report:
    slug = ""
    title = ""
    description = ""
    named = False  # lists people by name: coordinators and administrators only
    on_dashboard = (
        True  # False: in the board paper and exports, linked from the dashboard
    )
    leads = False  # True: shown first, straight after the headline figures
    # True: on the dashboard it loads after the page (courses.reports.views.ReportSectionView),
    # because working it out takes longer than the page may; exports and the paper hold it.
    deferred = False

    def table(self, *, scope, filters) -> Table:
        raise NotImplementedError


STATUS_HEADERS = ["Met", "Expiring", "Expired", "Missing", "Requirements compliant %"]


def _status_cells(summary) -> list:
    counts = summary.requirements
    return [
        counts.met,
        counts.expiring,
        counts.expired,
        counts.missing,
        counts.compliant_percent,
    ]


def compliance_by_agency_and_profile(scope, filters) -> dict:
    """Summaries keyed (agency id, role profile id), computed once per request and rolled up
    into the agency, sector, role profile and headline figures."""
    cache = filters.cache
    if "agency_profile" not in cache:
        cache["agency_profile"] = compliance_summary(
            staff=filters.staff(scope),
            as_of=filters.as_of,
            group_by=("agency", "role_profile"),
        )
    return cache["agency_profile"]


def agency_sectors() -> dict:
    return dict(Agency.objects.values_list("pk", "sector"))


def scope_targets(scope, filters) -> list:
    """The compliance targets of the boards whose figures the scope shows, once a request:
    a chair's boards, a coordinator's agency's areas' boards, every board for the rest."""
    cache = filters.cache
    if "targets" not in cache:
        if scope.agency_id is not None:
            cache["targets"] = selectors.targets_for_agency(scope.agency_id)
        else:
            cache["targets"] = selectors.targets_for_areas(scope.area_ids)
    return cache["targets"]


def target_cells(summary, target) -> list:
    """The target and its red/amber/green rating, as the last two cells of a row."""
    percent = summary.people_compliant_percent if summary.people else None
    found = policy.rating(percent, target)
    return [target, str(found.label) if found else None]


TARGET_HEADERS = ["Target %", "Rating"]


def figure_target(scope, filters) -> int | None:
    """The target of the scope's whole figure as filtered: a sector filter holds it to the
    sector's target, a role level (or one role profile's level) to the level's."""
    level = filters.level or (
        filters.role_profile.level if filters.role_profile else None
    )
    return policy.target_for(
        scope_targets(scope, filters), sector=filters.sector or "", role_level=level
    )


class ComplianceBy(Report):
    group_by = ""
    label = ""

    def names(self, keys) -> dict:
        raise NotImplementedError

    def row_targets(self, targets, keys) -> dict:
        """Each row's target (docs/compliance.md, Targets): by default the scope's whole
        figure's; sectors, role profiles, agencies and areas narrow it."""
        return dict.fromkeys(keys, policy.target_for(targets))

    def summaries(self, *, scope, filters) -> dict:
        """Default: roll up the shared (agency, role profile) figures; areas override."""
        base = compliance_by_agency_and_profile(scope, filters)
        if self.group_by == "agency":
            return rollup(base, lambda key: key[0])
        if self.group_by == "role_profile":
            return rollup(base, lambda key: key[1])
        if self.group_by == "agency__sector":
            sectors = agency_sectors()
            return rollup(base, lambda key: sectors[key[0]])
        return compliance_summary(
            staff=filters.staff(scope), as_of=filters.as_of, group_by=self.group_by
        )

    def table(self, *, scope, filters) -> Table:
        summaries = self.summaries(scope=scope, filters=filters)
        names = self.names([k for k in summaries if k is not None])
        ordered = sorted(summaries.items(), key=lambda kv: str(names.get(kv[0], "")))
        targets = self.row_targets(
            scope_targets(scope, filters), [k for k, _s in ordered]
        )
        rows = [
            [
                str(names.get(key, "—")),
                s.people,
                s.people_compliant,
                s.people_compliant_percent,
            ]
            + _status_cells(s)
            + target_cells(s, targets.get(key))
            for key, s in ordered
        ]
        chart = None
        if rows:
            chart = charts.stacked_status_bars(
                [r[0] for r in rows],
                [
                    {st.value: getattr(s.requirements, st.value) for st in STATUS_ORDER}
                    for _k, s in ordered
                ],
                f"Compliance by {self.label}",
            )
        return Table(
            headers=[
                self.label.capitalize(),
                "Staff",
                "Staff fully compliant",
                "Staff compliant %",
            ]
            + STATUS_HEADERS
            + TARGET_HEADERS,
            rows=rows,
            chart_svg=chart,
            chart_title=f"Compliance by {self.label}",
        )


@register
class ComplianceByAgency(ComplianceBy):
    slug = "compliance-by-agency"
    title = _("Compliance by agency")
    description = _(
        "Requirements met, expiring, expired and missing for each agency's active staff."
    )
    group_by = "agency"
    label = "agency"

    def names(self, keys):
        return {a.pk: a.name for a in Agency.objects.filter(pk__in=keys)}

    def row_targets(self, targets, keys):
        # An agency is held to the boards of the areas it works in (within the scope).
        sectors, areas = {}, {}
        for agency_id, area_id, sector in Agency.areas.through.objects.filter(
            agency_id__in=keys
        ).values_list("agency_id", "area_id", "agency__sector"):
            sectors[agency_id] = sector
            areas.setdefault(agency_id, set()).add(area_id)
        return {
            k: policy.target_for(
                [t for t in targets if t.board.area_id in areas.get(k, ())],
                sector=sectors.get(k, ""),
            )
            for k in keys
        }


@register
class ComplianceBySector(ComplianceBy):
    slug = "compliance-by-sector"
    title = _("Compliance by sector")
    description = _(
        "The same figures for police, local authority, health, probation, fire and voluntary sectors."
    )
    group_by = "agency__sector"
    label = "sector"

    def names(self, keys):
        return {k: str(dict(Agency.Sector.choices).get(k, k)) for k in keys}

    def row_targets(self, targets, keys):
        return {k: policy.target_for(targets, sector=k or "") for k in keys}


@register
class ComplianceByRoleProfile(ComplianceBy):
    slug = "compliance-by-role-profile"
    title = _("Compliance by role profile")
    description = _(
        "Compliance for each staff group, from non-contact staff to board members."
    )
    group_by = "role_profile"
    label = "role profile"

    def names(self, keys):
        return {r.pk: str(r) for r in RoleProfile.objects.filter(pk__in=keys)}

    def row_targets(self, targets, keys):
        levels = dict(
            RoleProfile.objects.filter(pk__in=keys).values_list("pk", "level")
        )
        return {k: policy.target_for(targets, role_level=levels.get(k)) for k in keys}


@register
class ComplianceByArea(ComplianceBy):
    slug = "compliance-by-area"
    title = _("Compliance by area")
    description = _("A person who works in several areas counts in each of them.")
    group_by = "areas"
    label = "area"

    def names(self, keys):
        return {a.pk: a.name for a in Area.objects.filter(pk__in=keys)}

    def row_targets(self, targets, keys):
        return {
            k: policy.target_for([t for t in targets if t.board.area_id == k])
            for k in keys
        }


@register
class OverdueStaff(Report):
    slug = "overdue-staff"
    title = _("Staff with training expired or missing")
    description = _(
        "Named list for training coordinators: who needs booking, and on what."
    )
    named = True

    def table(self, *, scope, filters) -> Table:
        staff = filters.staff(scope)
        statuses = staff_overall_status(staff=staff, as_of=filters.as_of).filter(
            worst_rank__lte=1
        )
        by_pk = {row["pk"]: row for row in statuses}
        people = (
            StaffMember.objects.filter(pk__in=list(by_pk))
            .select_related("agency", "role_profile")
            .order_by("agency__name", "last_name", "first_name")
        )
        rows = [
            [
                p.full_name,
                p.employee_ref,
                p.email,
                p.agency.name,
                p.role_profile.code if p.role_profile else "",
                by_pk[p.pk]["expired"],
                by_pk[p.pk]["missing"],
                by_pk[p.pk]["expiring"],
            ]
            for p in people
        ]
        return Table(
            headers=[
                "Name",
                "Employee reference",
                "Work email",
                "Agency",
                "Role profile",
                "Expired",
                "Missing",
                "Expiring",
            ],
            rows=rows,
        )


def reports_for(scope) -> list[Report]:
    """The reports the scope may have, those that lead first (the order is stable)."""
    reports = [r for r in REGISTRY.values() if scope.named_lists or not r.named]
    return sorted(reports, key=lambda r: not r.leads)
