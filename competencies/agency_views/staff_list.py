"""/agency/staff/: an agency's staff with their compliance, at any size (2,000 and more)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.views.generic import TemplateView

from competencies import exporters, policy, selectors
from competencies.agency_exports import AgencyStaffExporter
from competencies.compliance import RANK_STATUS, compliance_overall
from competencies.filters import AgencyStaffFilterForm
from competencies.models import Agency, StaffMember
from competencies.services import STAFF_EXPORT, export_log

DOWNLOAD_FORMATS = ("csv", "xlsx")


def agency_for(request) -> Agency:
    """The agency whose staff the page shows: a coordinator's own; an administrator's choice
    (`?agency=`), else the first. Anyone else may not see agency staff pages."""
    user = request.user
    if policy.can_see_all_agencies(user):
        agencies = Agency.objects.order_by("name")
        agency_id = request.GET.get("agency", "")
        if agency_id.isascii() and agency_id.isdigit():
            agency = agencies.filter(pk=int(agency_id)).first()
            if agency:
                return agency
        agency = agencies.first()
    else:
        agency = policy.agencies_visible_to(user).first()
    if agency is None:
        raise PermissionDenied
    return agency


def page_links(page) -> list:
    """GOV.UK pagination items: numbers near the current page and at both ends, with
    ellipses (None) for the gaps, so page 37 of 40 is one click from anywhere."""
    return [
        None if number == page.paginator.ELLIPSIS else number
        for number in page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        )
    ]


class AgencyStaffView(LoginRequiredMixin, TemplateView):
    """A training coordinator's own agency's staff with their compliance (nobody else's).

    Search, sort and filters are GET parameters; `?download=csv|xlsx` exports exactly the
    people they select (every page), through the one spreadsheet-safe writer.
    """

    template_name = "competencies/agency_staff.html"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.agency = agency_for(request)
        self.form = AgencyStaffFilterForm(request.GET or None, agency=self.agency)
        self.staff, self.statuses = selectors.agency_staff_with_compliance(
            agency_id=self.agency.pk, **self.form.selector_kwargs()
        )
        fmt = request.GET.get("download")
        if fmt in DOWNLOAD_FORMATS:
            return self.download(fmt)
        return super().get(request, *args, **kwargs)

    def download(self, fmt):
        export_log(
            user=self.request.user,
            action=STAFF_EXPORT,
            rows_by_agency={self.agency.pk: self.staff.count()},
            fmt=fmt,
            purpose="agency staff list",
        )
        return exporters.registry[AgencyStaffExporter.identifier].response(
            fmt,
            about=exporters.wants_about(self.request),
            agency=self.agency,
            staff=self.staff,
            statuses=self.statuses,
            filters=self.filters_text(),
        )

    def filters_text(self) -> str:
        if not self.form.is_valid():
            return ""
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value and name != "sort":
                field = self.form.fields[name]
                shown = (
                    dict(field.choices).get(value, value) if name == "status" else value
                )
                parts.append(f"{field.label}: {shown}")
        return "; ".join(str(p) for p in parts)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.staff, self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        people = list(page.object_list)
        by_person = {
            row["pk"]: row
            for row in self.statuses.filter(pk__in=[p.pk for p in people])
        }
        for person in people:
            row = by_person.get(person.pk)
            person.compliance = row
            person.overall = RANK_STATUS[row["worst_rank"]] if row else None
        query = self.request.GET.copy()
        for key in ("page", "download"):
            query.pop(key, None)
        all_agencies = policy.can_see_all_agencies(self.request.user)
        compliance = compliance_overall(
            staff=StaffMember.objects.filter(agency_id=self.agency.pk)
        )
        target = policy.target_for(
            selectors.targets_for_agency(self.agency), sector=self.agency.sector
        )
        context.update(
            agency=self.agency,
            form=self.form,
            page=page,
            page_links=page_links(page),
            people=people,
            querystring=query.urlencode(),
            compliance=compliance,
            target=target,
            rating=policy.rating(
                compliance.people_compliant_percent if compliance.people else None,
                target,
            ),
            agencies=Agency.objects.order_by("name") if all_agencies else None,
        )
        return context
