"""Wagtail admin for the partnership: areas, boards, agencies, the framework (a snippet with
revisions), role profiles, staff and competency records, in one "Partnership" menu.

Staff and records are scoped through `competencies.policy`: the listing, every object view
(edit, delete, history, usage), the choosers, the spreadsheet export and the imports all ask the
same functions, so a coordinator never meets another agency's people, even by editing a URL (404).
"""

import django_filters
from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from competencies import forms as admin_forms
from competencies.admin_exports import (
    AuditedExportMixin,
    ExportIndexView,
    ListingExportMixin,
)
from competencies.models import (
    Agency,
    Area,
    Board,
    CompetencyRecord,
    Framework,
    RoleProfile,
    StaffMember,
)
from competencies.permissions import ActionsWithheldPolicy
from competencies.policy import (
    agencies_visible_to,
    records_visible_to,
    staff_visible_to,
)
from competencies.services import RECORDS_EXPORT, STAFF_EXPORT

# --- scoping helpers -----------------------------------------------------------------------------


class ScopedObjectMixin:
    """Object views: an object outside the user's scope does not exist for them (404)."""

    scope = None

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not type(self).scope(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


def scoped(view_class, scope):
    return type(view_class.__name__, (ScopedObjectMixin, view_class), {"scope": scope})


# --- staff chooser -------------------------------------------------------------------------------


class StaffSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, email or reference")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            from django.db.models import Q

            self.is_searching, self.search_query = True, query
            objects = objects.filter(
                Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
                | Q(employee_ref__iexact=query)
            )
        return objects


class StaffChooseViewMixin:
    filter_form_class = StaffSearchForm

    def get_object_list(self):
        return staff_visible_to(self.request.user).select_related("agency")


class StaffChooseView(StaffChooseViewMixin, chooser_views.ChooseView):
    pass


class StaffChooseResultsView(StaffChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class StaffChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        return staff_visible_to(self.request.user).get(pk=pk)


class StaffChosenMultipleView(chooser_views.ChosenMultipleView):
    """Wagtail's stock view returns any staff member's name for any id: scope it too."""

    def get_objects(self, pks):
        return staff_visible_to(self.request.user).filter(pk__in=pks)


class StaffChooserViewSet(ChooserViewSet):
    model = StaffMember
    icon = "user"
    choose_one_text = _("Choose a staff member")
    choose_another_text = _("Choose another staff member")
    choose_view_class = StaffChooseView
    choose_results_view_class = StaffChooseResultsView
    chosen_view_class = StaffChosenView
    chosen_multiple_view_class = StaffChosenMultipleView
    creation_form_class = None


staff_chooser_viewset = StaffChooserViewSet("competencies_staff_chooser")


class StaffChooserWidget(staff_chooser_viewset.widget_class):
    """The chooser widget, showing a chosen person only from its field's queryset.

    A form sent back with errors renders the submitted id; Wagtail's widget looked it up among
    all staff, so posting another agency's id showed that person's name (and a malformed id was
    a 500). The forms set the field's queryset to the user's visible staff, and Django hands it
    to the widget as `choices`.
    """

    def get_instance(self, value):
        if value is None or value == "":
            return None
        scope = getattr(getattr(self, "choices", None), "queryset", None)
        if scope is None:
            scope = self.model_class.objects.none()
        pk = value.pk if isinstance(value, self.model_class) else value
        try:
            return scope.get(pk=pk)
        except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
            return None


# --- reference data ------------------------------------------------------------------------------


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


# --- the framework -------------------------------------------------------------------------------


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


# --- staff ---------------------------------------------------------------------------------------


def _agency_choices(request):
    if request is None:
        return Agency.objects.none()
    return agencies_visible_to(request.user)


class StaffFilterSet(WagtailFilterSet):
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=_agency_choices
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


# --- competency records --------------------------------------------------------------------------


def _record_agency_choices(request):
    return _agency_choices(request)


class RecordFilterSet(WagtailFilterSet):
    staff__agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=_record_agency_choices
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


from competencies.crosswalk_admin import CrosswalkViewSet  # noqa: E402

# Records are revoked (with a reason, audited), never deleted in the admin.
register_permission_policy(
    CompetencyRecord, ActionsWithheldPolicy(CompetencyRecord, withheld={"delete"})
)


class PartnershipViewSetGroup(ModelViewSetGroup):
    menu_label = _("Partnership")
    menu_icon = "group"
    menu_order = 250
    items = (
        StaffMemberViewSet("competencies_staff"),
        CompetencyRecordViewSet("competencies_record"),
        FrameworkViewSet(),
        CrosswalkViewSet("competencies_crosswalk"),
        RoleProfileViewSet("competencies_roleprofile"),
        AgencyViewSet("competencies_agency"),
        AreaViewSet("competencies_area"),
        BoardViewSet("competencies_board"),
    )
