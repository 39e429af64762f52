"""Account forms: registration and setting a password. Errors render in the GOV.UK summary."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from competencies.accounts import throttle
from competencies.accounts.services import agency_for_email, normalise_email


class RegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("Work email address"),
        max_length=150,
        error_messages={
            "required": _("Enter your work email address"),
            "invalid": _(
                "Enter an email address in the correct format, like name@agency.example"
            ),
        },
    )
    password1 = forms.CharField(
        label=_("Create a password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Create a password")},
    )
    password2 = forms.CharField(
        label=_("Confirm your password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Confirm your password")},
    )

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if agency_for_email(email=email) is None:
            raise forms.ValidationError(
                _(
                    "Enter the work email address your agency gave you: %(domain)s is not "
                    "the email domain of a partner agency"
                ),
                code="domain_not_partner",
                params={"domain": email.rsplit("@", 1)[-1]},
            )
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The passwords do not match"))
        elif p1:
            # Validate against an unsaved user so similarity to the email is caught.
            user = get_user_model()(
                username=cleaned.get("email", ""), email=cleaned.get("email", "")
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form; an address that had its share of account emails gets none, and the
    page says the same as ever."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        if throttle.email_allowed(to_email):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


class LinkRequestForm(forms.Form):
    """Ask an agency's coordinator to link (or create) your staff record."""

    agency = forms.ModelChoiceField(
        label=_("Which agency do you work for?"),
        queryset=None,
        empty_label=_("Choose your agency"),
        error_messages={"required": _("Choose the agency you work for")},
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages={"required": _("Enter your first name")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages={"required": _("Enter your last name")},
    )
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        help_text=_("As your agency knows it, for example Social worker"),
        error_messages={"required": _("Enter your job title")},
    )

    def __init__(self, *args, **kwargs):
        from competencies.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")


class LinkDecisionForm(forms.Form):
    """A coordinator's answer: link an existing record, create one, or decline with a reason."""

    LINK, CREATE, DECLINE = "link", "create", "decline"
    decision = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            (LINK, _("Link to an existing staff record")),
            (CREATE, _("Create a new staff record")),
            (DECLINE, _("Decline the request")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what to do with the request")},
    )
    staff = forms.ModelChoiceField(
        label=_("Staff record to link (if linking)"),
        queryset=None,
        required=False,
        empty_label=_("Choose a staff record"),
    )
    reason = forms.CharField(
        label=_("Why are you declining? (if declining)"),
        help_text=_("The person is told this reason."),
        widget=forms.Textarea,
        required=False,
        max_length=1000,
    )

    def __init__(self, *args, agency_id: int, **kwargs):
        from competencies.models import StaffMember

        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = (
            StaffMember.objects.active()
            .filter(agency_id=agency_id, user__isnull=True, anonymised_at=None)
            .order_by("last_name", "first_name")
        )
        self.fields["staff"].label_from_instance = lambda s: (
            f"{s.last_name}, {s.first_name} ({s.email})"
        )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == self.LINK and not cleaned.get("staff"):
            self.add_error("staff", _("Choose the staff record to link"))
        if decision == self.DECLINE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Enter why you are declining the request"))
        return cleaned
