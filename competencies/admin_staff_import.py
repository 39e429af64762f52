"""What surrounds a staff import in the admin: the template file to fill in, the codes its
columns accept, and "invite everyone new" once the import is done."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from competencies import exporters, policy
from competencies.accounts.services import accounts_invite_many
from competencies.imports.base import Status
from competencies.imports.staff.columns import COLUMNS
from competencies.models import Area, RoleProfile, StaffMember

# The session key holding the ids of the people the user's last staff import added.
NEW_STAFF_KEY = "competencies_imported_new_staff"


def may_import_staff(user) -> bool:
    permissions = ModelPermissionPolicy(StaffMember)
    return all(permissions.user_has_permission(user, a) for a in ("add", "change"))


def column_codes(user) -> dict:
    """The role-profile codes and area codes a staff file may use (a coordinator: the areas
    their agency works in, which the import checks)."""
    areas = Area.objects.order_by("code")
    if not policy.can_see_all_agencies(user):
        areas = areas.filter(agencies__in=policy.agencies_visible_to(user)).distinct()
    return {
        "role_profiles": RoleProfile.objects.order_by("code"),
        "areas": areas,
    }


def remember_new_staff(request, *, agency, result) -> None:
    """After a written import: keep who was added, for "invite everyone new"."""
    emails = [row.detail for row in result.rows if row.status == Status.NEW]
    ids = list(
        policy.staff_visible_to(request.user)
        .filter(agency=agency, email__in=emails, user__isnull=True)
        .values_list("pk", flat=True)
    )
    request.session[NEW_STAFF_KEY] = ids


class StaffImportTemplateView(View):
    """The staff file's columns as an empty CSV, ready to fill in."""

    def get(self, request):
        if not may_import_staff(request.user):
            raise PermissionDenied
        body = "".join(exporters.csv_lines([COLUMNS]))
        response = HttpResponse(body, content_type=exporters.CONTENT_TYPES["csv"])
        response["Content-Disposition"] = 'attachment; filename="staff-import.csv"'
        return response


class InviteNewStaffView(WagtailAdminTemplateMixin, View):
    """After an import: the people it added who have no account, and one button inviting
    them all (each through accounts.services.account_invite)."""

    template_name = "competencies/admin/invite_new_staff.html"
    page_title = gettext_lazy("Invite the people you imported")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not may_import_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def people(self):
        ids = self.request.session.get(NEW_STAFF_KEY) or []
        return list(
            policy.staff_visible_to(self.request.user)
            .filter(pk__in=ids, user__isnull=True, anonymised_at__isnull=True)
            .filter(policy.staff_active_q())
            .order_by("last_name", "first_name", "pk")
        )

    def get(self, request):
        context = self.get_context_data(people=self.people())
        return self.render_to_response(context)

    def post(self, request):
        invited, refused = accounts_invite_many(
            staff=self.people(), invited_by=request.user
        )
        request.session.pop(NEW_STAFF_KEY, None)
        if invited:
            messages.success(
                request,
                _("Invited %(n)d people: each has an email to set a password.")
                % {"n": len(invited)},
            )
        for person, reason in refused:
            messages.error(request, f"{person.full_name}: {reason}")
        return redirect(reverse("competencies_staff:index"))
