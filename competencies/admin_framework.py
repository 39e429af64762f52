"""Admin views to import a framework (our CSV / XLSX, a CASE 1.1 package or Moodle's
competency framework CSV, recognised by its content; "Preview" checks it and writes nothing)
and to export one as our CSV or as Moodle's."""

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
from competencies.imports import pending
from competencies.imports.framework_file import FORMAT_LABELS, framework_import_file
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
        """Upload: the whole file is checked and previewed, nothing written; the file waits
        (imports.pending) for "Confirm import", which imports it all or nothing."""
        if "token" in request.POST:
            return self.confirm(request)
        form = FrameworkImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["import_file"]
        content = b"".join(upload.chunks())
        options = {
            "filename": upload.name,
            "user": request.user,
            "name": form.cleaned_data["name"],
            "version": form.cleaned_data["version"],
        }
        result, _framework, fmt = framework_import_file(
            content=content, dry_run=True, **options
        )
        context = {"form": form, "result": result, "detected": FORMAT_LABELS[fmt]}
        if not result.has_errors:
            context.update(
                token=pending.save(content),
                filename=upload.name,
                name=options["name"],
                version=options["version"],
            )
        return self.render_to_response(self.get_context_data(**context))

    def confirm(self, request):
        token = request.POST.get("token", "")
        content = pending.read(token)
        form = FrameworkImportForm()
        if content is None:
            messages.error(
                request, _("The previewed file is no longer here: upload it again.")
            )
            return self.render_to_response(self.get_context_data(form=form))
        result, framework, fmt = framework_import_file(
            content=content,
            filename=request.POST.get("filename", "")[:200],
            user=request.user,
            name=request.POST.get("name", "")[:200],
            version=request.POST.get("version", "")[:20],
        )
        if framework is None:
            pending.remove(token)
            return self.render_to_response(
                self.get_context_data(
                    form=form, result=result, detected=FORMAT_LABELS[fmt]
                )
            )
        pending.remove(token)
        messages.success(
            request,
            _("Imported the framework %(framework)s with %(count)s competencies.")
            % {"framework": framework, "count": framework.competencies.count()},
        )
        if result.skipped:
            messages.warning(
                request,
                _("Not imported from the file: %(lines)s")
                % {"lines": " · ".join(result.skipped)},
            )
        return redirect("wagtailsnippets_competencies_framework:edit", framework.pk)


class FrameworkExportView(View):
    exporter = "framework"

    def get(self, request, pk):
        if not ModelPermissionPolicy(Framework).user_has_any_permission(
            request.user, ["view", "change", "add"]
        ):
            raise PermissionDenied
        framework = get_object_or_404(Framework, pk=pk)
        return exporters.registry[self.exporter].response("csv", framework=framework)


urlpatterns = [
    path(
        "competencies/framework-csv/",
        include(
            (
                [
                    path("import/", FrameworkImportView.as_view(), name="import"),
                    path("<int:pk>.csv", FrameworkExportView.as_view(), name="export"),
                    path(
                        "<int:pk>.moodle.csv",
                        FrameworkExportView.as_view(exporter="framework-moodle"),
                        name="export_moodle",
                    ),
                ],
                "competencies_framework_io",
            )
        ),
    ),
]
