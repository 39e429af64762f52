"""The crosswalk in the admin: list, add and edit entries; import and export them as CSV."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from competencies import exporters
from competencies.admin_views import SpreadsheetImportView
from competencies.forms import ImportFileField
from competencies.imports.crosswalk import crosswalk_import
from competencies.models import CompetencyEquivalence


class CrosswalkUploadForm(forms.Form):
    import_file = ImportFileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8) or Excel workbook (.xlsx)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)


class CrosswalkImportView(SpreadsheetImportView):
    kind = "crosswalk"
    model = CompetencyEquivalence
    actions = ("add", "change")
    form_class = CrosswalkUploadForm
    page_title = gettext_lazy("Import the crosswalk")
    index_url_name = "competencies_crosswalk:index"
    columns_help = gettext_lazy(
        "Columns: framework, code, maps_to_framework, maps_to_code, kind (equivalent or "
        "partial); optional: note. Frameworks by name, or name and version. Pairs already "
        "mapped are updated; nothing is imported unless every row is correct."
    )

    def run_import(self, *, table, filename, agency, dry_run):
        return crosswalk_import(
            table=table, user=self.request.user, dry_run=dry_run, filename=filename
        )


def crosswalk_export(request):
    policy = ModelPermissionPolicy(CompetencyEquivalence)
    if not policy.user_has_any_permission(request.user, ["view", "change", "add"]):
        raise PermissionDenied
    return exporters.registry["crosswalk"].response("csv")


class CrosswalkIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("competency__framework", "maps_to__framework")
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Import CSV"),
                url=reverse("competencies_crosswalk:import"),
                icon_name="upload",
                priority=60,
            )
        )
        buttons.append(
            HeaderButton(
                _("Download CSV"),
                url=reverse("competencies_crosswalk:export"),
                icon_name="download",
                priority=70,
            )
        )
        return buttons


class CrosswalkViewSet(ModelViewSet):
    model = CompetencyEquivalence
    icon = "resubmit"
    menu_label = gettext_lazy("Crosswalk")
    menu_order = 120
    add_to_admin_menu = False
    index_view_class = CrosswalkIndexView
    list_display = [
        Column("competency", label=gettext_lazy("Competency")),
        Column(
            "from", label=gettext_lazy("Framework"), accessor="competency.framework"
        ),
        Column("maps_to", label=gettext_lazy("Maps to")),
        Column("to", label=gettext_lazy("Framework"), accessor="maps_to.framework"),
        "kind",
    ]
    list_filter = ["kind"]
    search_fields = ["competency__code", "maps_to__code", "note"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("competency"), FieldPanel("maps_to")]),
        FieldPanel("kind"),
        FieldPanel("note"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", CrosswalkImportView.as_view(), name="import"),
            path("export.csv", crosswalk_export, name="export"),
        ]
