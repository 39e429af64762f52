"""Account emails, sent as background tasks that take the user's id (queued after commit).

The one-time link is made when the email is sent, from the user as it is then, so a queued
email never carries a link the account has already outgrown.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from competencies.accounts.tokens import confirmation_token, invitation_token

# kind -> (template stem, URL name of the one-time link or None, token generator)
EMAILS = {
    "invite": ("invite", "accounts:invitation", invitation_token),
    "confirm": ("confirm", "accounts:confirm", confirmation_token),
    "already_registered": ("already_registered", None, None),
    "linked": ("linked", None, None),
}


def one_time_url(*, user, url_name: str, generator) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse(
        url_name, kwargs={"uidb64": uidb64, "token": generator.make_token(user)}
    )
    return settings.SITE_URL.rstrip("/") + path


@task()
def send_account_email(*, kind: str, user_id: int) -> None:
    stem, url_name, generator = EMAILS[kind]
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return
    context = {
        "user": user,
        "site_url": settings.SITE_URL.rstrip("/"),
        "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
        "reset_url": settings.SITE_URL.rstrip("/") + reverse("password_reset"),
        "staff_member": getattr(user, "staff_member", None),
    }
    if url_name:
        context["link"] = one_time_url(
            user=user, url_name=url_name, generator=generator
        )
    subject = render_to_string(f"accounts/email/{stem}_subject.txt", context)
    body = render_to_string(f"accounts/email/{stem}.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
