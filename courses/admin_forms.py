"""The Wagtail admin's session form: trainers are chosen among the trainers only, by name."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from competencies.policy import trainer_users


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a box above that hides those whose label does not match what is typed
    (static/js/checkbox_filter.js; without JavaScript the full list shows)."""

    class Media:
        js = ["js/checkbox_filter.js"]

    def render(self, name, value, attrs=None, renderer=None):
        boxes = super().render(name, value, attrs, renderer)
        box_id = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<div data-checkbox-filter><label class="w-sr-only" for="{0}-filter">{1}'
            '</label><input type="search" id="{0}-filter" data-checkbox-filter-input'
            ' placeholder="{1}" autocomplete="off" hidden>'
            '<div data-checkbox-filter-list style="max-height:18rem;overflow-y:auto">{2}'
            "</div><p data-checkbox-filter-none hidden>{3}</p></div>",
            box_id,
            _("Find by name or email"),
            boxes,
            _("Nobody matches."),
        )


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.get_username()
        return f"{name} ({user.email})" if user.email else name


class SessionAdminForm(WagtailAdminModelForm):
    trainers = TrainerChoiceField(
        queryset=trainer_users(),
        required=False,
        widget=SearchableCheckboxes,
        help_text=_("People in the trainer role. Type part of a name to find them."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Someone named before they left the trainer role stays listed (and stays ticked)
        # so that saving another change does not drop them by surprise.
        current = self.instance.trainers.values("pk") if self.instance.pk else []
        self.fields["trainers"].queryset = (
            get_user_model()
            .objects.filter(Q(pk__in=trainer_users().values("pk")) | Q(pk__in=current))
            .order_by("first_name", "last_name", "username")
        )
