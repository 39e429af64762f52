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
            self.fields[f"arrived_{booking.pk}"] = forms.TimeField(
                label=_("Arrived at"),
                required=False,
                initial=_hhmm(booking.arrived_at),
            )
            self.fields[f"left_{booking.pk}"] = forms.TimeField(
                label=_("Left at"),
                required=False,
                initial=_hhmm(booking.left_at),
            )

    def rows(self):
        for booking in self.bookings:
            yield (
                booking,
                self[f"mark_{booking.pk}"],
                self[f"arrived_{booking.pk}"],
                self[f"left_{booking.pk}"],
            )

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
            mark = data.get(f"mark_{booking.pk}")
            for wanted, name, message in (
                ("late", "arrived", _("Enter the time %(name)s arrived")),
                ("left_early", "left", _("Enter the time %(name)s left")),
            ):
                key = f"{name}_{booking.pk}"
                if mark == wanted and data.get(key) is None and key not in self.errors:
                    self.add_error(key, message % {"name": booking.staff.full_name})
        return data

    def marks(self):
        """(booking, mark, time) for each person marked."""
        for booking in self.bookings:
            mark = self.cleaned_data.get(f"mark_{booking.pk}")
            if not mark:
                continue
            name = {"late": "arrived", "left_early": "left"}.get(mark)
            time = self.cleaned_data.get(f"{name}_{booking.pk}") if name else None
            yield booking, mark, self._on_the_day(time)


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
