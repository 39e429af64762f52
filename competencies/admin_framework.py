"""Admin views to import a framework from a CSV file and to export one in the same format."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from competencies import exporters
from competencies.forms import FrameworkImportForm
from competencies.imports import ImportFileError, RowError, read_table
from competencies.imports.base import ImportResult
from competencies.imports.framework import framework_import
from competencies.models import Framework


class FrameworkImportView(WagtailAdminTemplateMixin, View):
    template_name = "competencies/admin/framework_import.html"
    header_icon = "upload"
    accepts_import_file = True
    page_title = gettext_lazy("Import a framework")

    def dispatch(self, request, *args, **kwargs):
        if not ModelPermissionPolicy(Framework).user_has_permission(
            request.user, "add"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse("wagtailsnippets_competencies_framework:list"),
                "label": _("Frameworks"),
            },
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        return self.render_to_response(
            self.get_context_data(form=FrameworkImportForm())
        )

    def post(self, request):
        form = FrameworkImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["import_file"]
        try:
            table = read_table(content=b"".join(upload.chunks()), filename=upload.name)
        except ImportFileError as exc:
            result, framework = (
                ImportResult(errors=[RowError(None, None, exc.message)]),
                None,
            )
        else:
            result, framework = framework_import(
                table=table,
                user=request.user,
                name=form.cleaned_data["name"],
                version=form.cleaned_data["version"],
                filename=upload.name,
            )
        if framework is None:
            return self.render_to_response(
                self.get_context_data(form=form, result=result)
            )
        messages.success(
            request,
            _("Imported the framework %(framework)s with %(count)s competencies.")
            % {"framework": framework, "count": framework.competencies.count()},
        )
        return redirect("wagtailsnippets_competencies_framework:edit", framework.pk)


class FrameworkExportView(View):
    def get(self, request, pk):
        if not ModelPermissionPolicy(Framework).user_has_any_permission(
            request.user, ["view", "change", "add"]
        ):
            raise PermissionDenied
        framework = get_object_or_404(Framework, pk=pk)
        return exporters.registry["framework"].response("csv", framework=framework)


urlpatterns = [
    path(
        "competencies/framework-csv/",
        include(
            (
                [
                    path("import/", FrameworkImportView.as_view(), name="import"),
                    path("<int:pk>.csv", FrameworkExportView.as_view(), name="export"),
                ],
                "competencies_framework_io",
            )
        ),
    ),
]
