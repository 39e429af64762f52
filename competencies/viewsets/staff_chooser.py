"""The staff chooser: search and choose among the staff the user may see."""

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from competencies.models import (
    StaffMember,
)
from competencies.policy import (
    staff_visible_to,
)


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


def _is_id(value) -> bool:
    """An id as the URL or query string carries it: ASCII digits. Anything else ("abc", "²")
    made the lookup raise ValueError, a 500; a too-large id is simply not found (Django
    answers an out-of-range integer lookup with no rows)."""
    value = str(value)
    return value.isascii() and value.isdigit()


class StaffChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        if not _is_id(pk):
            raise StaffMember.DoesNotExist  # Wagtail's view turns it into a 404
        return staff_visible_to(self.request.user).get(pk=pk)


class StaffChosenMultipleView(chooser_views.ChosenMultipleView):
    """Wagtail's stock view returns any staff member's name for any id: scope it too."""

    def get_objects(self, pks):
        return staff_visible_to(self.request.user).filter(
            pk__in=[pk for pk in pks if _is_id(pk)]
        )


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
