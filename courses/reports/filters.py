"""The report filters: period, area, agency, sector, role profile, module and level.

Choices are limited to what the user's scope covers, so a chair cannot even pick an agency
outside their area.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import ModulePage
from competencies.models import Agency, RoleProfile, StaffMember

# Periods outside these years are typing mistakes (and year 9999 would overflow the date maths).
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def financial_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """April to March, the period boards report by."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


class PageChoiceField(forms.ModelChoiceField):
    """A page chosen by id. A page's id is its page_ptr, a foreign key, and Django's lookup
    through one does not drop an id the column cannot hold as its integer lookups do: 2**63
    reached the database, a 500 (found by tests/test_bad_input.py)."""

    BIGINT = range(-(2**63), 2**63)

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                out_of_range = int(str(value)) not in self.BIGINT
            except ValueError:
                out_of_range = False  # not a number: the field says it is not a choice
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class ReportFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    area = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Area"), empty_label=_("All areas")
    )
    agency = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Agency"), empty_label=_("All agencies")
    )
    sector = forms.ChoiceField(required=False, label=_("Sector"))
    role_profile = forms.ModelChoiceField(
        queryset=RoleProfile.objects.order_by("code"),
        required=False,
        label=_("Role profile"),
        empty_label=_("All role profiles"),
    )
    module = PageChoiceField(
        queryset=ModulePage.objects.order_by("title"),
        required=False,
        label=_("Module"),
        empty_label=_("All modules"),
        help_text=_("Applies to the session and attendance figures."),
    )
    level = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Level"),
        choices=[("", _("All levels"))] + [(n, str(n)) for n in range(1, 6)],
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["area"].queryset = scope.areas()
        self.fields["agency"].queryset = scope.agencies()
        self.fields["sector"].choices = [("", _("All sectors"))] + list(
            Agency.Sector.choices
        )
        if scope.agency_id is not None:
            del self.fields["agency"]
            del self.fields["sector"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name, value in (("start", start), ("end", end)):
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Enter a date between 2000 and 2100."))
                data[name] = None
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must be after its start."))
        return data

    def filters(self) -> "ReportFilters":
        data = self.cleaned_data if self.is_valid() else {}
        default_start, default_end = financial_year(timezone.localdate())
        return ReportFilters(
            start=data.get("start") or default_start,
            end=data.get("end") or default_end,
            area=data.get("area"),
            agency=data.get("agency"),
            sector=data.get("sector") or None,
            role_profile=data.get("role_profile"),
            level=data.get("level"),
            module=data.get("module"),
        )


class ReportFilters:
    """The chosen filters, applied within a scope."""

    def __init__(
        self,
        *,
        start,
        end,
        area=None,
        agency=None,
        sector=None,
        role_profile=None,
        level=None,
        module=None,
    ):
        self.start, self.end = start, end
        self.area, self.agency, self.sector = area, agency, sector
        self.role_profile, self.level, self.module = role_profile, level, module
        self.cache: dict = {}  # figures shared by several reports within one request

    @property
    def as_of(self) -> datetime.date:
        """Compliance is a snapshot: at the end of the period, or today if that is later."""
        return min(self.end, timezone.localdate())

    def everyone(self, scope) -> bool:
        """True when neither scope nor filters narrow the staff: the whole partnership."""
        return (
            scope.agency_id is None
            and scope.area_ids is None
            and not any(
                (self.area, self.agency, self.sector, self.role_profile, self.level)
            )
        )

    def staff_ids(self, scope):
        """The ids of `staff(scope)` as a subquery, in its simplest form: a board chair's
        area alone is one lookup in the staff-areas table, not a join through staff."""
        if (
            scope.area_ids is not None
            and scope.agency_id is None
            and not any((self.agency, self.sector, self.role_profile, self.level))
        ):
            areas = {self.area.pk} if self.area else scope.area_ids
            if self.area is None or self.area.pk in scope.area_ids:
                return StaffMember.areas.through.objects.filter(
                    area_id__in=areas
                ).values("staffmember_id")
        return self.staff(scope).values("pk")

    def staff(self, scope):
        staff = scope.staff()
        if self.area:
            staff = staff.filter(areas=self.area)
        if self.agency:
            staff = staff.filter(agency=self.agency)
        if self.sector:
            staff = staff.filter(agency__sector=self.sector)
        if self.role_profile:
            staff = staff.filter(role_profile=self.role_profile)
        if self.level:
            staff = staff.filter(role_profile__level=self.level)
        return staff

    def describe(self) -> list[tuple[str, str]]:
        """The filters in words, printed at the top of every export."""
        out = [
            ("Period", f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"),
            ("Compliance as at", f"{self.as_of:%d %b %Y}"),
        ]
        for label, value in [
            ("Area", self.area),
            ("Agency", self.agency),
            ("Sector", self.sector and dict(Agency.Sector.choices)[self.sector]),
            ("Role profile", self.role_profile),
            ("Level", self.level),
            ("Module (session and attendance figures)", self.module),
        ]:
            if value:
                out.append((label, str(value)))
        return out
