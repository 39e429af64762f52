"""Staff members in the admin, scoped to the agencies the user may see."""

import django_filters
from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from competencies import forms as admin_forms
from competencies.admin_columns import DateColumn
from competencies.admin_exports import (
    AuditedExportMixin,
    ListingExportMixin,
)
from competencies.models import (
    Agency,
    StaffMember,
)
from competencies.policy import (
    agencies_visible_to,
    staff_visible_to,
)
from competencies.services import STAFF_EXPORT
from competencies.viewsets.scoped import scoped
from competencies.viewsets.staff_chooser import StaffChooserWidget


def agency_choices(request):
    if request is None:
        return Agency.objects.none()
    return agencies_visible_to(request.user)


class StaffFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=agency_choices
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("Active")), ("left", _("Left"))],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = StaffMember
        fields = ["agency", "role_profile", "areas"]

    def filter_status(self, queryset, name, value):
        active = queryset.active()
        return active if value == "active" else queryset.exclude(pk__in=active)


class StaffIndexView(AuditedExportMixin, ListingExportMixin, generic.IndexView):
    export_action = STAFF_EXPORT

    def get_base_queryset(self):
        return staff_visible_to(self.request.user).select_related(
            "agency", "role_profile"
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        policy = self.permission_policy
        if policy.user_has_permission(
            self.request.user, "add"
        ) and policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                HeaderButton(
                    _("Import staff"),
                    url=reverse("competencies_staff_import:upload"),
                    icon_name="upload",
                    priority=60,
                )
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        from wagtail.admin.widgets.button import Button

        return [
            *super().header_more_buttons,
            Button(
                _("Download for re-import (CSV)"),
                url=reverse("competencies_staff_import:export"),
                icon_name="download",
                priority=70,
            ),
        ]


class StaffMemberViewSet(ModelViewSet):
    model = StaffMember
    icon = "user"
    menu_label = _("Staff")
    menu_order = 100
    index_view_class = StaffIndexView
    edit_view_class = scoped(generic.EditView, staff_visible_to)
    delete_view_class = scoped(generic.DeleteView, staff_visible_to)
    history_view_class = scoped(HistoryView, staff_visible_to)
    usage_view_class = scoped(UsageView, staff_visible_to)
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        "last_name",
        "first_name",
        "email",
        "employee_ref",
        Column("agency", label=_("Agency"), accessor="agency.short_name"),
        Column("role_profile", label=_("Role profile"), accessor="role_profile.code"),
        DateColumn("left_on", label=_("Left on")),
    ]
    filterset_class = StaffFilterSet
    search_fields = ["first_name", "last_name", "email", "employee_ref", "job_title"]
    search_backend_name = None
    list_export = [
        "employee_ref",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "agency.short_name",
        "role_profile.code",
        "left_on",
    ]
    export_headings = {
        "agency.short_name": "agency",
        "role_profile.code": "role_profile",
    }
    export_filename = "staff"
    edit_handler = ObjectList(
        [
            FieldPanel("agency"),
            FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
            FieldRowPanel([FieldPanel("email"), FieldPanel("employee_ref")]),
            FieldRowPanel([FieldPanel("job_title"), FieldPanel("role_profile")]),
            FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
            FieldPanel("line_manager", widget=StaffChooserWidget),
            FieldPanel("left_on"),
            FieldPanel("user", permission="auth.change_user"),
        ],
        base_form_class=admin_forms.StaffMemberForm,
    )
