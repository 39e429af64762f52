"""The admin lists of xAPI clients (the e-learning platforms allowed to send statements) and
of the statements they sent, read-only (docs/xapi.md). Administrators only (the models'
permissions are granted to no group).

Adding a client shows its key and secret once, in the confirmation message; only a hash of
the secret is kept, so a lost secret means a new client (or `create_xapi_client`).
"""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.models import XapiClient, XapiStatement
from courses.xapi import auth


class XapiClientCreateView(generic.CreateView):
    def save_instance(self):
        # Set before the form's save, so the client is written once, with its credentials
        # (xapi_client_create does the same outside the admin).
        self.secret = auth.new_secret()
        self.form.instance.key = auth.new_key()
        self.form.instance.secret_hash = auth.secret_hash(self.secret)
        return super().save_instance()

    def get_success_message(self, instance):
        return format_html(
            _(
                "xAPI client “{name}” added. Give the platform the endpoint, key {key} and "
                "secret {secret}. Copy the secret now: it is not shown again."
            ),
            name=instance.name,
            key=instance.key,
            secret=self.secret,
        )


class XapiClientViewSet(ModelViewSet):
    model = XapiClient
    icon = "link-external"
    menu_label = _("xAPI clients")
    menu_order = 266
    add_to_admin_menu = True
    copy_view_enabled = False
    add_view_class = XapiClientCreateView
    form_fields = ["name", "active", "note"]
    list_display = ["name", "key", "active", "last_used_at"]
    list_filter = ["active"]
    search_fields = ["name", "key"]
    search_backend_name = None


xapi_client_viewset = XapiClientViewSet("courses_xapiclient")


class ReadOnly(ModelPermissionPolicy):
    """Statements are what a platform sent: viewed, never added, changed or deleted here."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class XapiStatementViewSet(ModelViewSet):
    """Every statement received and what it became, so "why did my completion not count?"
    has an answer: its outcome (unknown person, unknown activity, not a completion...)."""

    model = XapiStatement
    icon = "list-ul"
    menu_label = _("xAPI statements")
    menu_order = 267
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "stored",
        "client",
        "actor_mbox",
        "verb",
        "object_id",
        "outcome",
        "voided",
    ]
    list_filter = ["outcome", "voided", "client"]
    search_fields = ["actor_mbox", "object_id"]
    search_backend_name = None
    inspect_view_fields = [
        "id",
        "client",
        "stored",
        "timestamp",
        "actor_mbox",
        "verb",
        "object_id",
        "outcome",
        "voided",
        "voids",
        "staff",
        "module",
        "raw",
    ]
    # Not editable, so no form; the generic views still ask for one.
    form_fields = ["outcome"]


register_permission_policy(XapiStatement, ReadOnly(XapiStatement), exact_class=True)


xapi_statement_viewset = XapiStatementViewSet("courses_xapistatement")
