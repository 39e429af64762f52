"""Reference data of the partnership: areas, boards and agencies."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.admin.viewsets.model import ModelViewSet

from competencies.admin_exports import (
    ExportIndexView,
)
from competencies.models import (
    Agency,
    Area,
    Board,
    ComplianceTarget,
)


class AreaViewSet(ModelViewSet):
    model = Area
    index_view_class = ExportIndexView
    icon = "site"
    menu_order = 500
    list_display = ["name", "code", "ons_code"]
    search_fields = ["name", "code"]
    search_backend_name = None
    list_export = ["code", "name", "ons_code"]
    export_filename = "areas"
    form_fields = ["code", "name", "ons_code"]


class BoardViewSet(ModelViewSet):
    model = Board
    index_view_class = ExportIndexView
    icon = "group"
    menu_order = 510
    list_display = ["name", "short_name", "area", "kind"]
    list_filter = ["kind", "area"]
    search_fields = ["name", "short_name"]
    search_backend_name = None
    list_export = ["name", "short_name", "area.code", "kind"]
    export_headings = {"area.code": "area"}
    export_filename = "boards"
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldRowPanel([FieldPanel("area"), FieldPanel("kind")]),
        FieldPanel("chairs", widget=forms.SelectMultiple),
    ]


class ComplianceTargetViewSet(ModelViewSet):
    """Boards' compliance targets; board chairs set their own on /reports/targets/."""

    model = ComplianceTarget
    icon = "pick"
    menu_order = 520
    menu_label = _("Compliance targets")
    list_display = ["board", "sector", "role_level", "percent"]
    list_filter = ["board", "sector"]
    search_fields = ["board__name"]
    search_backend_name = None
    panels = [
        FieldPanel("board"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("role_level")]),
        FieldPanel("percent"),
    ]


class AgencyViewSet(ModelViewSet):
    model = Agency
    index_view_class = ExportIndexView
    icon = "home"
    menu_order = 300
    list_display = ["name", "short_name", "sector", "email_domains"]
    list_filter = ["sector", "areas"]
    search_fields = ["name", "short_name"]
    search_backend_name = None
    list_export = [
        "short_name",
        "name",
        "sector",
        "email_domains",
        "requires_manager_approval",
    ]
    export_filename = "agencies"
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldPanel("sector"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("email_domains"),
        FieldPanel("requires_manager_approval"),
    ]
