"""Filter forms for the competencies pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from competencies.compliance import Status
from competencies.models import Area, RoleProfile

SORT_CHOICES = [
    ("name", _("Name (A to Z)")),
    ("-name", _("Name (Z to A)")),
    ("status", _("Status (worst first)")),
    ("-status", _("Status (best first)")),
    ("role_profile", _("Role profile")),
]


class AgencyStaffFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name, email or reference"),
        required=False,
        max_length=200,
        strip=True,
    )
    role_profile = forms.ModelChoiceField(
        queryset=RoleProfile.objects.order_by("code"),
        required=False,
        label=_("Role profile"),
        empty_label=_("All role profiles"),
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status"))] + list(Status.choices),
        required=False,
        label=_("Overall status"),
        help_text=_("A person's overall status is their worst requirement's."),
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        required=False,
        label=_("Area"),
        empty_label=_("All areas"),
    )

    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = agency.areas.order_by("name")

    def selector_kwargs(self) -> dict:
        """The filters for `selectors.agency_staff_with_compliance` (none when invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "role_profile_id": data["role_profile"].pk
            if data.get("role_profile")
            else None,
            "area_id": data["area"].pk if data.get("area") else None,
            "status": data.get("status") or None,
            "search": data.get("q") or "",
            "sort": data.get("sort") or "name",
        }
