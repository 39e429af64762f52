"""Account pages (register, confirm, set an invited password), a coordinator's view of one
person's account and data, and personal-data downloads. Views stay thin: rules live in
competencies.accounts.services and competencies.privacy.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.account import LogoutView as WagtailLogoutView
from wagtail.log_actions import log

from competencies import policy, privacy
from competencies.accounts import audit, services
from competencies.accounts.exceptions import AccountError
from competencies.accounts.forms import RegistrationForm, ThrottledPasswordResetForm
from competencies.accounts.tokens import confirmation_token, invitation_token
from competencies.models import StaffMember


def staff_in_scope_or_404(user, pk: int) -> StaffMember:
    """A staff record this user manages: any for an administrator, their own agency's for a
    training coordinator. Anything else is a 404, so other agencies' ids reveal nothing.
    """
    staff = policy.staff_visible_to(user).select_related(
        "agency", "user", "role_profile"
    )
    return get_object_or_404(staff, pk=pk)


def _user_from_uidb64(uidb64: str):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return get_user_model()._default_manager.get(pk=pk)
    except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
        return None


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response: a page with the limit and the wait, status 429."""
    cool_off = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "accounts/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(cool_off.total_seconds() // 60)
            if cool_off
            else None,
        },
        status=429,
    )


class RegisterView(FormView):
    template_name = "accounts/register.html"
    form_class = RegistrationForm
    success_url = reverse_lazy("accounts:register_sent")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("my_training")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.account_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
        except AccountError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        self.request.session["registered_email"] = form.cleaned_data["email"]
        return super().form_valid(form)


class RegisterSentView(TemplateView):
    template_name = "accounts/register_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            email=self.request.session.get("registered_email", ""), **kwargs
        )


class ConfirmView(View):
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""

    def _valid_user(self, uidb64, token):
        user = _user_from_uidb64(uidb64)
        if user is None or user.is_active:
            return None
        return user if confirmation_token.check_token(user, token) else None

    def get(self, request, uidb64, token):
        if self._valid_user(uidb64, token) is None:
            return render(request, "accounts/link_invalid.html", status=400)
        return render(request, "accounts/confirm.html")

    def post(self, request, uidb64, token):
        user = self._valid_user(uidb64, token)
        if user is None:
            return render(request, "accounts/link_invalid.html", status=400)
        staff = services.account_confirm(user=user)
        return render(request, "accounts/confirmed.html", {"staff_member": staff})


class AdminLogoutView(WagtailLogoutView):
    """Wagtail's admin sign-out, by POST only.

    Django refuses a GET with 405, but Wagtail's dispatch then deleted the session cookie and
    said "logged out" anyway, so any link or image pointing at /admin/logout/ signed the
    browser out. A refused method now goes no further than the refusal.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with links built from SITE_URL (https in production), not the Host, and
    at most ACCOUNT_EMAIL_LIMIT emails to an address an hour."""

    form_class = ThrottledPasswordResetForm

    def get_extra_email_context(self):
        return {"site_url": settings.SITE_URL.rstrip("/")}

    def dispatch(self, request, *args, **kwargs):
        self.extra_email_context = self.get_extra_email_context()
        return super().dispatch(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation, with the new password recorded in the audit log."""

    def form_valid(self, form):
        response = super().form_valid(form)
        log(instance=form.user, action=audit.PASSWORD_SET, user=form.user)
        return response


class InvitationView(auth_views.PasswordResetConfirmView):
    """Set the password of an invited account, from its one-time emailed link."""

    token_generator = invitation_token
    template_name = "accounts/invitation_set_password.html"
    success_url = reverse_lazy("accounts:invitation_done")
    post_reset_login = False

    def form_valid(self, form):
        services.account_password_set(
            user=form.user, password=form.cleaned_data["new_password1"]
        )
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        return redirect(self.success_url)


class InvitationDoneView(TemplateView):
    template_name = "accounts/invitation_done.html"


class StaffAccountView(LoginRequiredMixin, TemplateView):
    """One person's account status, with invite, download and (administrators) erase."""

    template_name = "accounts/staff_account.html"

    def get_context_data(self, **kwargs):
        staff = staff_in_scope_or_404(self.request.user, self.kwargs["pk"])
        user = staff.user
        if staff.anonymised_at:
            status = "erased"
        elif user is None:
            status = "none"
        elif not user.is_active:
            status = "inactive"
        elif not user.has_usable_password():
            status = "invited"
        else:
            status = "active"
        return super().get_context_data(
            staff_member=staff,
            account_status=status,
            can_invite=status in {"none", "invited"} and staff.is_active,
            can_erase=policy.may_erase_personal_data(self.request.user)
            and not staff.anonymised_at,
            **kwargs,
        )


class StaffInviteView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        staff = staff_in_scope_or_404(request.user, pk)
        try:
            services.account_invite(staff=staff, invited_by=request.user)
        except AccountError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("We have emailed %(email)s a link to set a password.")
                % {"email": staff.email},
            )
        return redirect("accounts:staff_account", pk=staff.pk)


def _download(sections: dict, fmt: str, pk) -> HttpResponse:
    if fmt == "json":
        body, content_type = privacy.personal_data_json(sections), "application/json"
    else:
        body, content_type = privacy.personal_data_csv(sections), "text/csv"
    # CSV with a byte order mark, like every CSV we send (competencies.exporters).
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    response = HttpResponse(
        body.encode(encoding), content_type=f"{content_type}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="personal-data-{pk}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


class StaffDataView(LoginRequiredMixin, View):
    """Everything held about one person, for an administrator or their own coordinator."""

    def get(self, request, pk, fmt):
        staff = staff_in_scope_or_404(request.user, pk)
        sections = privacy.personal_data(staff_member=staff)
        log(instance=staff, action=audit.PRIVACY_EXPORT, user=request.user)
        return _download(sections, fmt, staff.pk)


class MyDataView(LoginRequiredMixin, View):
    """Everything held about the signed-in person."""

    def get(self, request, fmt):
        staff = StaffMember.objects.filter(user=request.user).first()
        sections = privacy.personal_data(staff_member=staff, user=request.user)
        if staff is not None:
            log(instance=staff, action=audit.PRIVACY_EXPORT, user=request.user)
        return _download(sections, fmt, staff.pk if staff else "account")


class StaffEraseView(LoginRequiredMixin, View):
    """Erase one person's personal data (administrators only), after a confirmation page."""

    template_name = "accounts/staff_erase.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.staff = staff_in_scope_or_404(request.user, kwargs["pk"])
            if not policy.may_erase_personal_data(request.user):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return render(request, self.template_name, {"staff_member": self.staff})

    def post(self, request, pk):
        try:
            erased = privacy.staff_erase(
                staff_member=self.staff, erased_by=request.user, reason="request"
            )
        except AccountError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Personal data erased. The record is now %(name)s.")
                % {"name": erased.staff_member.full_name},
            )
        return redirect(reverse("accounts:staff_account", kwargs={"pk": pk}))
