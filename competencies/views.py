"""Pages of the competencies app: a person's own training, and a coordinator's agency."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils import timezone
from django.views.generic import TemplateView

from competencies import policy, selectors
from competencies.compliance import RANK_STATUS, STATUS_ORDER, Status
from competencies.filters import AgencyStaffFilterForm
from competencies.models import Agency, StaffMember


class MyTrainingView(LoginRequiredMixin, TemplateView):
    """The signed-in person's role profile, what it requires, its status, and their records.

    The courses app extends this page with bookings and certificates.
    """

    template_name = "competencies/my_training.html"

    def get_staff_member(self) -> StaffMember | None:
        return (
            StaffMember.objects.select_related("agency", "role_profile")
            .filter(user=self.request.user)
            .first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff_member = self.get_staff_member()
        context["staff_member"] = staff_member
        context["today"] = timezone.localdate()
        if staff_member is None:
            return context
        requirements = selectors.requirements_with_competencies(
            staff_member=staff_member
        )
        counts = {status.value: 0 for status in STATUS_ORDER}
        for item in requirements:
            counts[item["row"].status] += 1
        context.update(
            requirements=requirements,
            status_counts=counts,
            records=selectors.records_for_staff(staff_member=staff_member),
            statuses=Status,
        )
        return context


class AgencyStaffView(LoginRequiredMixin, TemplateView):
    """A training coordinator's own agency's staff with their compliance (nobody else's).

    Administrators may look at any agency by choosing it.
    """

    template_name = "competencies/agency_staff.html"
    paginate_by = 50

    def get_agency(self) -> Agency:
        user = self.request.user
        if policy.can_see_all_agencies(user):
            agency_id = self.request.GET.get("agency")
            agencies = Agency.objects.order_by("name")
            if agency_id and agency_id.isdigit():
                agency = agencies.filter(pk=agency_id).first()
                if agency:
                    return agency
            return agencies.first()
        agency = policy.agencies_visible_to(user).first()
        if agency is None:
            raise PermissionDenied
        return agency

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = self.get_agency()
        form = AgencyStaffFilterForm(self.request.GET or None, agency=agency)
        filters = form.cleaned_data if form.is_valid() else {}
        staff, statuses = selectors.agency_staff_with_compliance(
            agency_id=agency.pk,
            role_profile_id=filters.get("role_profile") and filters["role_profile"].pk,
            area_id=filters.get("area") and filters["area"].pk,
            status=filters.get("status") or None,
        )
        page = Paginator(staff, self.paginate_by).get_page(self.request.GET.get("page"))
        people = list(page.object_list)
        by_person = {
            row["pk"]: row for row in statuses.filter(pk__in=[p.pk for p in people])
        }
        for person in people:
            row = by_person.get(person.pk)
            person.compliance = row
            person.overall = RANK_STATUS[row["worst_rank"]] if row else None
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            agency=agency,
            form=form,
            page=page,
            people=people,
            querystring=query.urlencode(),
            agencies=Agency.objects.order_by("name")
            if policy.can_see_all_agencies(self.request.user)
            else None,
        )
        return context
