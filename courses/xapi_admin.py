"""The admin list of xAPI clients: the e-learning platforms allowed to send statements
(docs/xapi.md). Administrators only (the model's permissions are granted to no group).

Adding a client shows its key and secret once, in the confirmation message; only a hash of
the secret is kept, so a lost secret means a new client (or `create_xapi_client`).
"""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from courses.models import XapiClient
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
