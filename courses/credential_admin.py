"""The admin list of trusted issuers: whose Open Badges credentials coordinators may turn
into competency records (courses.services.credentials). Administrators only (the model's
permissions are granted to no group); changes are in the object's history."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from courses.models import TrustedIssuer


class TrustedIssuerViewSet(ModelViewSet):
    model = TrustedIssuer
    icon = "globe"
    menu_label = _("Trusted issuers")
    menu_order = 265
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["name", "did", "active", "note"]
    list_display = ["name", "did", "active"]
    list_filter = ["active"]
    search_fields = ["name", "did"]
    search_backend_name = None


trusted_issuer_viewset = TrustedIssuerViewSet("courses_trustedissuer")
