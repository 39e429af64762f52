"""The admin listing of certificates: find any one among thousands, open its PDF, revoke it.

Scoped like the download: coordinators see their agency's staff's certificates, trainers
those of their sessions, administrators all. A certificate is never edited; the edit view is
a revoke form (final, with a reason), for example when a certificate was issued in error.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from competencies.admin_columns import DateColumn
from competencies.admin_exports import AuditedExportMixin, ListingExportMixin
from competencies.permissions import ActionsWithheldPolicy
from competencies.services import STAFF_EXPORT
from competencies.viewsets import scoped
from courses import policy
from courses.models import Certificate
from courses.services import certificate_revoke


class CertificateRevokeForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this certificate"),
        required=False,
        help_text=_("It will verify as revoked from now on. This cannot be undone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revoked_reason"].required = False
        if self.instance.revoked_at:
            for field in self.fields.values():
                field.disabled = True
            self.fields["revoke"].initial = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.revoked_at:
            return cleaned
        if cleaned.get("revoke") and not (cleaned.get("revoked_reason") or "").strip():
            self.add_error("revoked_reason", _("Give the reason for revoking."))
        if cleaned.get("revoked_reason") and not cleaned.get("revoke"):
            self.add_error("revoke", _("Tick the box to revoke the certificate."))
        return cleaned

    def save(self, commit=True):
        certificate = Certificate.objects.get(pk=self.instance.pk)
        if self.cleaned_data.get("revoke") and not certificate.revoked_at:
            certificate = certificate_revoke(
                certificate=certificate,
                reason=self.cleaned_data["revoked_reason"].strip(),
                by=self.for_user,
            )
        self.instance = certificate
        return certificate


class CertificateFilterSet(WagtailFilterSet):
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Issued"), widget=DateRangePickerWidget
    )
    session_date = django_filters.DateFromToRangeFilter(
        label=_("Session date"), widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("current", _("Current")), ("revoked", _("Revoked"))],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = Certificate
        fields = ["module_level"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=(value == "current"))


class CertificateIndexView(AuditedExportMixin, ListingExportMixin, generic.IndexView):
    # Certificates name their holders: a download is logged like a staff list's.
    export_action = STAFF_EXPORT
    export_agency_field = "staff__agency"

    def get_base_queryset(self):
        return policy.certificates_visible_to(self.request.user)


CertificateRevokeView = scoped(generic.EditView, policy.certificates_visible_to)
CertificateInspectView = scoped(generic.InspectView, policy.certificates_visible_to)


# Certificates are issued by completing a session and revoked, never added by hand or deleted,
# not even by administrators. (The add form, being the revoke form, failed with a 500.)
register_permission_policy(
    Certificate, ActionsWithheldPolicy(Certificate, withheld={"add", "delete"})
)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    edit_view_class = CertificateRevokeView
    inspect_view_class = CertificateInspectView
    filterset_class = CertificateFilterSet
    search_fields = ["number", "holder_name", "module_title", "agency_name"]
    search_backend_name = None
    ordering = ["-issued_at"]
    list_display = [
        Column("number", label=_("Number"), accessor="number"),
        "holder_name",
        "agency_name",
        "module_title",
        DateColumn("session_date", label=_("Session")),
        DateColumn("issued_at", label=_("Issued")),
        DateColumn("expires_on", label=_("Refresh due")),
        DateColumn("revoked_at", label=_("Revoked")),
    ]
    inspect_view_fields = [
        "number",
        "holder_name",
        "agency_name",
        "module_title",
        "module_level",
        "session_date",
        "learning_hours",
        "trainer_names",
        "issued_at",
        "expires_on",
        "revoked_at",
        "revoked_reason",
    ]
    # The export holds what the inspect page shows: the certificate's face and its state.
    list_export = inspect_view_fields
    export_filename = "certificates"
    edit_handler = ObjectList(
        [FieldPanel("revoke"), FieldPanel("revoked_reason")],
        base_form_class=CertificateRevokeForm,
    )


certificate_viewset = CertificateViewSet("courses_certificate")
