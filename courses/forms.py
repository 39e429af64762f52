"""Forms of the courses pages (thin: the rules are in courses/services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import ModulePage
from competencies.models import Area, StaffMember
from courses.models import FollowUp


class DateInput(forms.DateInput):
    input_type = "date"


class SessionFilterForm(forms.Form):
    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=ModulePage.objects.live().order_by("title"),
        required=False,
        empty_label=_("Any module"),
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[("", _("Any level"))] + [(n, _("Level %d") % n) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label=_("Any area"),
    )
    delivery_mode = forms.ChoiceField(
        label=_("Delivery"),
        choices=[("", _("Any"))] + list(ModulePage.DeliveryMode.choices),
        required=False,
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)
    has_places = forms.BooleanField(label=_("Only with places left"), required=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("date_from")
            and data.get("date_to")
            and data["date_to"] < data["date_from"]
        ):
            self.add_error("date_to", _("The end date must be after the start date."))
        return data

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "module_id": data["module"].pk if data.get("module") else None,
            "level": data.get("level"),
            "area_id": data["area"].pk if data.get("area") else None,
            "delivery_mode": data.get("delivery_mode") or None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "has_places": bool(data.get("has_places")),
        }


class BookForm(forms.Form):
    """Book yourself (no staff chosen) or, as a coordinator, a member of your agency."""

    staff = forms.ModelChoiceField(
        label=_("Member of your agency"),
        queryset=StaffMember.objects.none(),
        required=False,
        empty_label=_("Choose a person"),
    )

    def __init__(self, *args, agency_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency_id is not None:
            self.fields["staff"].queryset = (
                StaffMember.objects.active()
                .filter(agency_id=agency_id)
                .order_by("last_name", "first_name")
            )
        else:
            del self.fields["staff"]


SCALE_10 = [(n, str(n)) for n in range(1, 11)]


class EvaluationForm(forms.Form):
    overall_rating = forms.TypedChoiceField(
        label=_("Overall, how would you rate the session?"),
        help_text=_("1 is poor, 5 is excellent"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    do_differently = forms.CharField(
        label=_("What will you do differently in your work?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for i, outcome in enumerate(outcomes):
            for when, label in (("before", _("before")), ("after", _("after"))):
                self.fields[f"{when}_{i}"] = forms.TypedChoiceField(
                    label=_("Confidence %(when)s: %(outcome)s")
                    % {"when": label, "outcome": outcome},
                    choices=SCALE_10,
                    coerce=int,
                )

    def confidence(self) -> list[tuple[int, int]]:
        return [
            (self.cleaned_data[f"before_{i}"], self.cleaned_data[f"after_{i}"])
            for i in range(len(self.outcomes))
        ]

    def outcome_rows(self):
        for i, outcome in enumerate(self.outcomes):
            yield outcome, self[f"before_{i}"], self[f"after_{i}"]


class FollowUpForm(forms.Form):
    practice_changed = forms.ChoiceField(
        label=_("Has the session changed your practice?"),
        choices=FollowUp.Changed.choices,
        widget=forms.RadioSelect,
    )
    example = forms.CharField(
        label=_("Give an example (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )


class CancelForm(forms.Form):
    """Confirm a cancellation; on someone else's behalf, say why (they are told)."""

    note = forms.CharField(
        label=_("Why are you cancelling this booking?"),
        help_text=_(
            "The person is told this reason. Do not include sensitive details."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
    )

    def __init__(self, *args, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_behalf = on_behalf
        if on_behalf:
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = _(
                "Enter why you are cancelling this booking"
            )
        else:
            del self.fields["note"]

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("note", "")
        return cleaned
