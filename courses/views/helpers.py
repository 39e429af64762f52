"""Small helpers of the courses pages."""

from django import forms

from courses.exceptions import BookingError


def with_error(form: forms.Form, error: BookingError | str) -> forms.Form:
    """Attach a service error to a form so the GOV.UK error summary shows it."""
    if not hasattr(form, "cleaned_data"):
        form.is_valid()
    form.add_error(None, str(error))
    return form


def staff_of(user):
    return getattr(user, "staff_member", None) if user.is_authenticated else None
