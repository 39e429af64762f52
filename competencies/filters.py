"""Filter forms for the competencies pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from competencies.compliance import Status
from competencies.models import Area, RoleProfile


class AgencyStaffFilterForm(forms.Form):
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

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = agency.areas.order_by("name")
