"""Admin views to import staff and historic records, and to export staff in import format.
(Frameworks: competencies.admin_framework.)

Flow: upload -> preview (the full validation, nothing written)
-> confirm -> import (validated again, all or nothing) -> message, audit log, back to the listing.
The uploaded file waits between preview and confirm in competencies.imports.pending (a private
directory no URL serves) until it is confirmed or cancelled, or a day has passed; the session
remembers which waiting file belongs to which pending import, so a confirm can only import what
this user previewed. An upload over IMPORT_MAX_BYTES is refused before its body is read
(competencies.imports.upload_limit, for views with `accepts_import_file`).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from competencies import admin_staff_import as staff_import_extras
from competencies import exporters
from competencies.admin_framework import urlpatterns as framework_urlpatterns
from competencies.forms import (
    ImportUploadForm,
    RecordsImportUploadForm,
)
from competencies.imports import ImportFileError, RowError, pending, read_table
from competencies.imports.base import ImportResult, Status
from competencies.imports.records import records_import
from competencies.imports.staff import staff_import
from competencies.models import CompetencyRecord, StaffMember
from competencies.policy import agencies_visible_to, staff_visible_to
from competencies.services import STAFF_EXPORT, export_log

SESSION_KEY = "competencies_pending_imports"
PREVIEW_ROWS = 200
PREVIEW_ERRORS = 500


class SpreadsheetImportView(WagtailAdminTemplateMixin, View):
    """Upload, preview and confirm one kind of import. Subclasses say which and for whom."""

    template_name = "competencies/admin/import.html"
    header_icon = "upload"
    accepts_import_file = True
    kind = ""
    model = None
    actions = ("add",)
    form_class = ImportUploadForm
    columns_help = ""
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(self.model)
        if not all(policy.user_has_permission(request.user, a) for a in self.actions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse(self.index_url_name),
                "label": self.model._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            columns_help=self.columns_help,
            index_url=reverse(self.index_url_name),
            status_labels=Status.LABELS,
        )
        return context

    def render(self, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    # --- steps ---

    def get(self, request):
        return self.render(form=self.form_class(user=request.user))

    def post(self, request):
        if "token" in request.POST:
            if "cancel" in request.POST:
                return self.cancel(request)
            return self.confirm(request)
        form = self.form_class(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render(form=form)
        pending.purge()  # files others left waiting, so none outlives its day for long
        upload = form.cleaned_data["import_file"]
        content = b"".join(upload.chunks())
        agency = form.cleaned_data.get("agency")
        result = self._run(content, upload.name, agency, dry_run=True)
        if result.has_errors:
            return self.render(
                form=form, result=result, filename=upload.name, **self._preview(result)
            )
        token = pending.save(content)
        waiting = request.session.get(SESSION_KEY, {})
        waiting[token] = {
            "kind": self.kind,
            "filename": upload.name,
            "agency": agency.pk if agency else None,
        }
        request.session[SESSION_KEY] = waiting
        return self.render(
            result=result,
            token=token,
            filename=upload.name,
            agency=agency,
            **self._preview(result),
        )

    def _take_pending(self, request):
        """This user's waiting import named by the posted token, out of the session."""
        token = request.POST.get("token", "")
        waiting = request.session.get(SESSION_KEY, {})
        entry = waiting.get(token)
        if entry is None or entry["kind"] != self.kind:
            return token, None
        waiting.pop(token)
        request.session[SESSION_KEY] = waiting
        return token, entry

    def cancel(self, request):
        token, entry = self._take_pending(request)
        if entry is not None:
            pending.remove(token)
        messages.info(request, _("Import cancelled; the uploaded file was deleted."))
        return redirect(request.path)

    def confirm(self, request):
        token, entry = self._take_pending(request)
        if entry is None:
            messages.error(
                request,
                _(
                    "That import has expired or was already done; upload the file again."
                ),
            )
            return redirect(request.path)
        content = pending.read(token)
        pending.remove(token)  # whatever happens next, the file has served its purpose
        agency = None
        if entry["agency"]:
            agency = get_object_or_404(
                agencies_visible_to(request.user), pk=entry["agency"]
            )
        if content is None:
            messages.error(
                request, _("The uploaded file is no longer available; upload it again.")
            )
            return redirect(request.path)
        result = self._run(content, entry["filename"], agency, dry_run=False)
        if result.has_errors:
            messages.error(
                request,
                _("Nothing was imported: the file no longer passes the checks."),
            )
            return self.render(
                form=self.form_class(user=request.user),
                result=result,
                filename=entry["filename"],
                **self._preview(result),
            )
        messages.success(request, self.success_message(result, entry["filename"]))
        return self.after_import(request, result=result, agency=agency)

    def after_import(self, request, *, result, agency):
        return redirect(self.index_url_name)

    # --- helpers ---

    def _run(self, content, filename, agency, *, dry_run) -> ImportResult:
        try:
            table = read_table(content=content, filename=filename)
        except ImportFileError as exc:
            return ImportResult(errors=[RowError(None, None, exc.message)])
        return self.run_import(
            table=table, filename=filename, agency=agency, dry_run=dry_run
        )

    def _preview(self, result):
        return {
            "counts": result.counts,
            "preview_rows": result.rows[:PREVIEW_ROWS],
            "more_rows": max(0, len(result.rows) - PREVIEW_ROWS),
            "shown_errors": result.errors[:PREVIEW_ERRORS],
            "more_errors": max(0, len(result.errors) - PREVIEW_ERRORS),
        }

    def run_import(self, *, table, filename, agency, dry_run) -> ImportResult:
        raise NotImplementedError

    def success_message(self, result, filename) -> str:
        return _("Imported %(file)s: %(summary)s.") % {
            "file": filename,
            "summary": result.summary(),
        }


class StaffImportView(SpreadsheetImportView):
    kind = "staff"
    model = StaffMember
    actions = ("add", "change")
    page_title = gettext_lazy("Import staff")
    index_url_name = "competencies_staff:index"
    columns_help = gettext_lazy(
        "Columns: employee_ref, first_name, last_name, email, job_title, role_profile (a code such "
        "as RP05); optional: areas (codes such as BHM;SAN), line_manager_email, left_on "
        "(dd/mm/yyyy). People are matched by employee reference, then by email; nothing is "
        "imported unless every row is correct."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            template_url=reverse("competencies_staff_import:template"),
            **staff_import_extras.column_codes(self.request.user),
        )
        return context

    def after_import(self, request, *, result, agency):
        """Offer to invite everyone the import added (competencies.admin_staff_import)."""
        staff_import_extras.remember_new_staff(request, agency=agency, result=result)
        if request.session.get(staff_import_extras.NEW_STAFF_KEY):
            return redirect("competencies_staff_import:invite_new")
        return super().after_import(request, result=result, agency=agency)

    def run_import(self, *, table, filename, agency, dry_run):
        result = staff_import(
            agency=agency,
            table=table,
            user=self.request.user,
            dry_run=dry_run,
            filename=filename,
        )
        return _unsaid_where_they_work(result)


def _unsaid_where_they_work(result: ImportResult) -> ImportResult:
    """Word "that email belongs to another agency's staff" as an address the import cannot use.

    A coordinator must not learn from a preview who works where. The staff import names the
    other agency's hold; until it words this itself, the view rewords it (the test of the
    preview fails if that message changes).
    """
    before, after = _(
        "The email “%(email)s” belongs to a staff member of another agency."
    ).split("%(email)s")
    for index, error in enumerate(result.errors):
        message = error.message
        if message.startswith(before) and message.endswith(after):
            email = message[len(before) : len(message) - len(after)]
            result.errors[index] = RowError(
                error.row,
                error.column,
                _(
                    "“%(email)s” cannot be added by an import. If the person has joined you "
                    "from another partnership agency, ask for their move under Moves between "
                    "agencies, which brings their training record; otherwise check the address."
                )
                % {"email": email},
            )
    return result


class RecordsImportView(SpreadsheetImportView):
    kind = "records"
    model = CompetencyRecord
    form_class = RecordsImportUploadForm
    page_title = gettext_lazy("Import historic competency records")
    index_url_name = "competencies_record:index"
    columns_help = gettext_lazy(
        "Columns: email or employee_ref, competency (a code such as SA2.3), level, achieved_on "
        "(dd/mm/yyyy); optional: expires_on (otherwise the level's refresh period), "
        "source_detail. Records already held are left as they are."
    )

    def run_import(self, *, table, filename, agency, dry_run):
        return records_import(
            table=table,
            agency=agency,
            user=self.request.user,
            dry_run=dry_run,
            filename=filename,
        )


class StaffExportView(View):
    """The user's visible staff in the import columns, ready to edit and import back."""

    def get(self, request):
        if not ModelPermissionPolicy(StaffMember).user_has_permission(
            request.user, "view"
        ):
            raise PermissionDenied
        queryset = staff_visible_to(request.user)
        agency = request.GET.get("agency", "")
        if agency:
            # Only ASCII digits are an id ("²" passed isdigit() and broke int(): a 500); an id
            # out of range finds no row. Anything not found is refused, not ignored: ignoring
            # "-1" sent every visible agency's staff when one agency's was asked for.
            found = (
                agency.isascii()
                and agency.isdigit()
                and agencies_visible_to(request.user).filter(pk=int(agency)).exists()
            )
            if not found:
                messages.error(
                    request,
                    _(
                        "No download: the agency “%(agency)s” is not one whose staff you "
                        "can see. Choose an agency from the list."
                    )
                    % {"agency": agency[:40]},
                )
                return redirect("competencies_staff:index")
            queryset = queryset.filter(agency_id=int(agency))
        export_log(
            user=request.user,
            action=STAFF_EXPORT,
            rows_by_agency=dict(
                queryset.order_by().values_list("agency").annotate(n=Count("pk"))
            ),
            fmt="csv",
            purpose="re-import",
        )
        return exporters.registry["staff-import"].response("csv", queryset=queryset)


urlpatterns = [
    path(
        "competencies/staff-import/",
        include(
            (
                [
                    path("", StaffImportView.as_view(), name="upload"),
                    path("export.csv", StaffExportView.as_view(), name="export"),
                    path(
                        "template.csv",
                        staff_import_extras.StaffImportTemplateView.as_view(),
                        name="template",
                    ),
                    path(
                        "invite-new/",
                        staff_import_extras.InviteNewStaffView.as_view(),
                        name="invite_new",
                    ),
                ],
                "competencies_staff_import",
            )
        ),
    ),
    path(
        "competencies/records-import/",
        include(
            (
                [path("", RecordsImportView.as_view(), name="upload")],
                "competencies_records_import",
            )
        ),
    ),
]
urlpatterns += framework_urlpatterns
