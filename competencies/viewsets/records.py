"""Competency records in the admin: scoped, revoked with a reason, never deleted."""

import django_filters
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
from wagtail.permissions import register_permission_policy

from competencies import forms as admin_forms
from competencies.admin_columns import DateColumn
from competencies.admin_exports import (
    AuditedExportMixin,
    ListingExportMixin,
)
from competencies.models import (
    CompetencyRecord,
)
from competencies.permissions import ActionsWithheldPolicy
from competencies.policy import (
    records_visible_to,
)
from competencies.services import RECORDS_EXPORT
from competencies.viewsets.scoped import ScopedObjectMixin, scoped
from competencies.viewsets.staff import agency_choices
from competencies.viewsets.staff_chooser import StaffChooserWidget


def record_agency_choices(request):
    return agency_choices(request)


class RecordFilterSet(WagtailFilterSet):
    staff__agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=record_agency_choices
    )
    revoked = django_filters.BooleanFilter(
        label=_("Revoked"), field_name="revoked_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = CompetencyRecord
        fields = ["staff__agency", "source", "level", "competency__framework"]


class RecordIndexView(AuditedExportMixin, ListingExportMixin, generic.IndexView):
    export_action = RECORDS_EXPORT
    export_agency_field = "staff__agency"

    def get_base_queryset(self):
        return records_visible_to(self.request.user).select_related(
            "staff", "staff__agency", "competency"
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Import records"),
                    url=reverse("competencies_records_import:upload"),
                    icon_name="upload",
                    priority=60,
                )
            )
        return buttons


class RecordEditView(ScopedObjectMixin, generic.EditView):
    scope = records_visible_to

    def get_page_subtitle(self):
        return str(self.object)


class CompetencyRecordViewSet(ModelViewSet):
    model = CompetencyRecord
    icon = "success"
    menu_label = _("Competency records")
    menu_order = 110
    index_view_class = RecordIndexView
    edit_view_class = RecordEditView
    history_view_class = scoped(HistoryView, records_visible_to)
    usage_view_class = scoped(UsageView, records_visible_to)
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        Column("staff", label=_("Staff member"), accessor="staff"),
        Column("agency", label=_("Agency"), accessor="staff.agency.short_name"),
        Column("competency", label=_("Competency"), accessor="competency.code"),
        "level",
        DateColumn("achieved_on", label=_("Achieved")),
        DateColumn("expires_on", label=_("Expires")),
        "source",
        DateColumn("revoked_at", label=_("Revoked")),
    ]
    filterset_class = RecordFilterSet
    search_fields = [
        "staff__first_name",
        "staff__last_name",
        "staff__email",
        "competency__code",
    ]
    search_backend_name = None
    list_export = [
        "staff.email",
        "staff.employee_ref",
        "staff.agency.short_name",
        "competency.code",
        "level",
        "achieved_on",
        "expires_on",
        "source",
        "source_detail",
        "revoked_at",
        "revoked_reason",
    ]
    export_headings = {
        "staff.email": "email",
        "staff.employee_ref": "employee_ref",
        "staff.agency.short_name": "agency",
        "competency.code": "competency",
    }
    export_filename = "competency_records"
    edit_handler = ObjectList(
        [
            FieldPanel("staff", widget=StaffChooserWidget),
            FieldRowPanel([FieldPanel("competency"), FieldPanel("level")]),
            FieldRowPanel([FieldPanel("achieved_on"), FieldPanel("expires_on")]),
            FieldRowPanel([FieldPanel("source"), FieldPanel("source_detail")]),
        ],
        base_form_class=admin_forms.CompetencyRecordForm,
    )
    revoke_handler = ObjectList(
        [
            FieldPanel("revoke"),
            FieldPanel("revoked_reason"),
        ],
        base_form_class=admin_forms.CompetencyRecordRevokeForm,
    )

    @cached_property
    def _revoke_handler(self):
        return self.revoke_handler.bind_to_model(self.model)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            panel=self._revoke_handler,
            form_class=self._revoke_handler.get_form_class(),
            **kwargs,
        )


# Records are revoked (with a reason, audited), never deleted in the admin.
register_permission_policy(
    CompetencyRecord, ActionsWithheldPolicy(CompetencyRecord, withheld={"delete"})
)
