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
