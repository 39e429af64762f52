"""Forms of a coordinator's booking pages: their staff's bookings, and booking people on."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Booking, Session

MAX_PEOPLE_AT_ONCE = 100


class AgencyBookingsFilterForm(forms.Form):
    WHEN = [
        ("upcoming", _("Upcoming sessions")),
        ("past", _("Past sessions")),
        ("all", _("All")),
    ]
    q = forms.CharField(
        label=_("Person (name, email or reference)"), required=False, max_length=200
    )
    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("Any session"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status"))] + list(Booking.Status.choices),
        required=False,
    )
    when = forms.ChoiceField(label=_("When"), choices=WHEN, required=False)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: (
            f"{s.module.title}, {s.start:%d %b %Y %H:%M}"
        )


class BookStaffForm(forms.Form):
    """The people chosen (checkboxes), from those the user may book for."""

    staff = forms.ModelMultipleChoiceField(
        label=_("People to book"),
        queryset=None,
        error_messages={
            "required": _("Select at least one person to book."),
            "invalid_choice": _("Select people from the list."),
            "invalid_pk_value": _("Select people from the list."),
        },
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff

    def clean_staff(self):
        people = self.cleaned_data["staff"]
        if len(people) > MAX_PEOPLE_AT_ONCE:
            raise forms.ValidationError(
                _("Book at most %(n)d people at once.") % {"n": MAX_PEOPLE_AT_ONCE}
            )
        return people
