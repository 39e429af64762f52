"""django-import-export resources: the staff and record files in the columns the imports read.

Exporting with these and importing the file unchanged reports every row "unchanged"; a
coordinator downloads their list, edits it in Excel and imports it back. The import itself runs
through `competencies.imports` (validate everything with cached lookups, then bulk writes), which
reads exactly these column names.

They leave the site through `ResourceExporter` (the one CSV writer, which escapes formula-like
text); the import takes the escaping off again (`competencies.imports.files`).
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from competencies.exporters import Exporter
from competencies.imports import records as records_import
from competencies.imports import staff as staff_import
from competencies.models import Area, CompetencyRecord, RoleProfile, StaffMember


class DayWidget(widgets.DateWidget):
    def __init__(self):
        super().__init__(format="%d/%m/%Y")


class StaffResource(resources.ModelResource):
    employee_ref = fields.Field("employee_ref", "employee_ref")
    first_name = fields.Field("first_name", "first_name")
    last_name = fields.Field("last_name", "last_name")
    email = fields.Field("email", "email")
    job_title = fields.Field("job_title", "job_title")
    role_profile = fields.Field(
        "role_profile",
        "role_profile",
        widget=widgets.ForeignKeyWidget(RoleProfile, field="code"),
    )
    areas = fields.Field(
        "areas",
        "areas",
        widget=widgets.ManyToManyWidget(Area, separator=";", field="code"),
    )
    line_manager_email = fields.Field(
        "line_manager",
        "line_manager_email",
        widget=widgets.ForeignKeyWidget(StaffMember, field="email"),
    )
    left_on = fields.Field("left_on", "left_on", widget=DayWidget())

    class Meta:
        model = StaffMember
        fields = staff_import.COLUMNS
        export_order = staff_import.COLUMNS

    @classmethod
    def queryset_for_export(cls, queryset):
        return queryset.select_related("role_profile", "line_manager").prefetch_related(
            "areas"
        )

    def filter_export(self, queryset, **kwargs):
        return self.queryset_for_export(queryset)


RECORD_COLUMNS = [
    *records_import.IDENTITY_COLUMNS,
    *records_import.REQUIRED_COLUMNS,
    *records_import.OPTIONAL_COLUMNS,
]


class CompetencyRecordResource(resources.ModelResource):
    email = fields.Field("staff__email", "email")
    employee_ref = fields.Field("staff__employee_ref", "employee_ref")
    competency = fields.Field("competency__code", "competency")
    level = fields.Field("level", "level")
    achieved_on = fields.Field("achieved_on", "achieved_on", widget=DayWidget())
    expires_on = fields.Field("expires_on", "expires_on", widget=DayWidget())
    source_detail = fields.Field("source_detail", "source_detail")

    class Meta:
        model = CompetencyRecord
        fields = RECORD_COLUMNS
        export_order = RECORD_COLUMNS

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("staff", "competency")


class ResourceExporter(Exporter):
    """A resource's columns and values, each rendered as its import reads it, written by
    the one writer. (Not the resource's own dataset: tablib writes text as it is.)"""

    resource_class: type[resources.Resource]
    formats = ("csv",)

    def get_headers(self, *, queryset):
        return self.resource_class().get_export_headers()

    def rows(self, *, queryset):
        resource = self.resource_class()
        for obj in resource.iter_queryset(resource.filter_export(queryset)):
            yield resource.export_resource(obj)


class StaffImportExporter(ResourceExporter):
    identifier = "staff-import"
    verbose_name = _("Staff list for re-import")
    resource_class = StaffResource

    def filename(self, **params):
        return "staff-for-import"
