"""A person's own training page (a coordinator's agency pages: competencies.agency_views)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from competencies import selectors
from competencies.compliance import STATUS_ORDER, Status
from competencies.models import StaffMember


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
