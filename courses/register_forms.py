"""The register's forms: one mark (with its time) per person, and a walk-in new to the system."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competencies.models import Agency
from courses import policy

MARK_CHOICES = [
    ("attended", _("Attended")),
    ("late", _("Late")),
    ("left_early", _("Left early")),
    ("absent", _("Absent")),
]


WHAT = {"late": _("arrived"), "left_early": _("left")}


def _hhmm(moment):
    return timezone.localtime(moment).strftime("%H:%M") if moment else None


class RegisterMarksForm(forms.Form):
    """Per person: a mark, and the arrival time (late) or leaving time (left early)."""

    def __init__(self, *args, session, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.session, self.bookings = session, list(bookings)
        for booking in self.bookings:
            mark = policy.register_mark(booking)
            if not mark and booking.arrived_at:  # checked in with the QR code
                mark = "late" if policy.arrived_late(booking, session) else "attended"
            self.fields[f"mark_{booking.pk}"] = forms.ChoiceField(
                label=booking.staff.full_name,
                choices=MARK_CHOICES,
                required=False,
                initial=mark or None,
                widget=forms.RadioSelect,
            )
            # One time for either partial mark: radios stay plain (a revealed field per
            # radio puts aria-expanded on radio inputs, which axe-core rejects).
            shown = {"late": booking.arrived_at, "left_early": booking.left_at}.get(
                mark
            )
            self.fields[f"time_{booking.pk}"] = forms.TimeField(
                label=_("Time they arrived (late) or left (left early)"),
                help_text=_("For example, 10:15"),
                required=False,
                initial=_hhmm(shown),
            )

    def rows(self):
        for booking in self.bookings:
            yield booking, self[f"mark_{booking.pk}"], self[f"time_{booking.pk}"]

    def _on_the_day(self, time: datetime.time | None) -> datetime.datetime | None:
        if time is None:
            return None
        day = timezone.localtime(self.session.start).date()
        moment = datetime.datetime.combine(
            day, time, tzinfo=timezone.get_current_timezone()
        )
        next_day = moment + datetime.timedelta(days=1)
        if moment < self.session.start and next_day <= self.session.end:
            return next_day  # an evening session running past midnight
        return moment

    def clean(self):
        data = super().clean()
        for booking in self.bookings:
            mark, key = data.get(f"mark_{booking.pk}"), f"time_{booking.pk}"
            if mark in WHAT and data.get(key) is None and key not in self.errors:
                self.add_error(
                    key,
                    _("Enter the time %(name)s %(what)s")
                    % {"name": booking.staff.full_name, "what": WHAT[mark]},
                )
        return data

    def marks(self):
        """(booking, mark, time) for each person marked; a time only for a partial mark."""
        for booking in self.bookings:
            mark = self.cleaned_data.get(f"mark_{booking.pk}")
            if mark:
                time = self.cleaned_data.get(f"time_{booking.pk}")
                yield booking, mark, self._on_the_day(time) if mark in WHAT else None


class NewPersonForm(forms.Form):
    """Someone not found by the search: matched or added as the agency's staff import would."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.order_by("name"),
        empty_label=_("Choose their agency"),
    )
    email = forms.EmailField(label=_("Work email"), max_length=254)
