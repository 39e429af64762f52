"""The framework (a snippet with revisions) and role profiles with their requirements."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from competencies import forms as admin_forms
from competencies.admin_exports import (
    ExportIndexView,
    ListingExportMixin,
)
from competencies.models import (
    Framework,
    RoleProfile,
)


class FrameworkIndexView(ListingExportMixin, SnippetIndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Import framework"),
                    url=reverse("competencies_framework_io:import"),
                    icon_name="upload",
                    priority=60,
                )
            )
        return buttons


class FrameworkEditView(SnippetEditView):
    @cached_property
    def header_more_buttons(self):
        from wagtail.admin.widgets.button import Button

        return [
            *super().header_more_buttons,
            Button(
                _("Download as CSV"),
                url=reverse("competencies_framework_io:export", args=[self.object.pk]),
                icon_name="download",
                priority=70,
            ),
            Button(
                _("Download for Moodle (CSV)"),
                url=reverse(
                    "competencies_framework_io:export_moodle", args=[self.object.pk]
                ),
                icon_name="download",
                priority=71,
            ),
        ]


class FrameworkViewSet(SnippetViewSet):
    """The framework is edited as a whole; every save is a revision (history, compare)."""

    model = Framework
    icon = "list-ul"
    menu_label = _("Frameworks")
    menu_order = 200
    index_view_class = FrameworkIndexView
    edit_view_class = FrameworkEditView
    list_display = ["name", "version", "description"]
    search_fields = ["name", "version"]
    search_backend_name = None
    list_export = ["name", "version", "description"]
    export_filename = "frameworks"
    edit_handler = ObjectList(
        Framework.panels, base_form_class=admin_forms.FrameworkForm
    )


# --- role profiles -------------------------------------------------------------------------------


class RoleProfileViewSet(ModelViewSet):
    model = RoleProfile
    index_view_class = ExportIndexView
    icon = "tasks"
    menu_order = 210
    list_display = ["code", "name", "framework", "level"]
    list_filter = ["framework", "level"]
    search_fields = ["code", "name", "description"]
    search_backend_name = None
    list_export = ["code", "name", "framework", "level", "description"]
    export_filename = "role_profiles"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("framework"), FieldPanel("level")]),
            FieldPanel("description"),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("domain"), FieldPanel("domain_level")])],
                heading=_("Require a whole domain in one step"),
            ),
            InlinePanel(
                "requirements", heading=_("Requirements"), label=_("Requirement")
            ),
        ],
        base_form_class=admin_forms.RoleProfileForm,
    )
