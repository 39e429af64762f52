"""The Wagtail admin for sessions: trainers create, copy (duplicate), cancel and export them.

Everyone with the view permission lists sessions (what is on offer is no secret), but a
trainer edits, cancels and deletes only the sessions they run (courses.policy): another's
session is a 404 there, so nobody can add themselves to it and then read its register.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from competencies.admin_exports import ListingExportMixin
from competencies.viewsets import scoped
from courses import policy, selectors
from courses.admin_forms import SessionAdminForm
from courses.exceptions import BookingError
from courses.models import Session
from courses.services import session_cancel
from courses.services.session_changes import session_changes_apply, session_snapshot


class SessionIndexView(ListingExportMixin, IndexView):
    def get_base_queryset(self):
        run = policy.sessions_run_by(self.request.user).filter(pk=OuterRef("pk"))
        return selectors.with_places(
            super()
            .get_base_queryset()
            .select_related("module", "area", "host_agency")
            .annotate(run_by_user=Exists(run))
        )

    # Edit and delete (administrators only) are offered only on the sessions the user runs.
    def get_edit_url(self, instance):
        return (
            super().get_edit_url(instance)
            if getattr(instance, "run_by_user", False)
            else None
        )

    def get_delete_url(self, instance):
        return (
            super().get_delete_url(instance)
            if getattr(instance, "run_by_user", False)
            else None
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not getattr(instance, "run_by_user", False):
            return buttons
        buttons.append(
            MenuItem(
                _("Register"),
                url=reverse("courses:register", args=[instance.pk]),
                icon_name="list-ul",
                priority=15,
            )
        )
        if instance.status == Session.Status.SCHEDULED and self.request.user.has_perm(
            "courses.change_session"
        ):
            buttons.append(
                MenuItem(
                    _("Cancel session"),
                    url=reverse("courses_session:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=25,
                )
            )
        return buttons


def cancel_session_view(request, pk):
    """Confirm, then cancel through courses.services.session_cancel (which emails everyone)."""
    if not request.user.has_perm("courses.change_session"):
        raise PermissionDenied
    session = get_object_or_404(
        policy.sessions_run_by(request.user).select_related("module"), pk=pk
    )
    if request.method == "POST":
        try:
            session_cancel(session=session, by=request.user)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Session cancelled; everyone booked has been told.")
            )
        return redirect("courses_session:index")
    booked = session.bookings.filter(
        status__in=["confirmed", "pending_approval", "offered", "waitlisted"]
    ).count()
    return TemplateResponse(
        request,
        "courses/admin/session_cancel.html",
        {"session": session, "booked": booked},
    )


class SessionEditView(scoped(generic.EditView, policy.sessions_run_by)):
    """Saving a changed session tells everyone on it and offers any freed places.

    Runs inside the form's transaction (Wagtail's form_valid), so the emails, queued for
    after the commit, go only if the save does.
    """

    def save_instance(self):
        before = session_snapshot(self.object.pk)
        instance = super().save_instance()
        session_changes_apply(session=instance, before=before, by=self.request.user)
        return instance


class SessionViewSet(ModelViewSet):
    model = Session
    icon = "calendar"
    menu_label = _("Joint sessions")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SessionIndexView
    edit_view_class = SessionEditView
    copy_view_enabled = True
    edit_handler = ObjectList(Session.panels, base_form_class=SessionAdminForm)
    inspect_view_enabled = True
    list_display = [
        "__str__",
        "area",
        "host_agency",
        "capacity",
        Column("places_taken", label=_("Places taken")),
        "status",
    ]
    list_filter = ["status", "module", "area", "host_agency"]
    list_export = [
        "module",
        "start",
        "end",
        "venue_name",
        "area",
        "host_agency",
        "capacity",
        "places_taken",
        "waitlist_length",
        "status",
    ]
    export_headings = {
        "places_taken": _("Places taken"),
        "waitlist_length": _("Waiting list"),
    }
    export_filename = "joint-sessions"
    search_fields = ["venue_name", "module__title"]
    ordering = ["-start"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("cancel/<int:pk>/", cancel_session_view, name="cancel"),
        ]


session_viewset = SessionViewSet("courses_session")
