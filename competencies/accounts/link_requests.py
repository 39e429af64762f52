"""Link requests: someone signed in whose email matches no staff record asks their agency's
training coordinator to link their account to a record, or to create one.

Rules:
- One open request per account (a database constraint); a declined request can be followed
  by a new one, so the person is never stuck.
- Only a coordinator of the request's agency (or an administrator) answers it
  (`policy.link_requests_visible_to`).
- Approving links an existing record of that agency that has no account and is current, or
  creates a record with the account's email; declining needs a reason, which the person sees.
- The coordinators are emailed when a request arrives; the person when it is answered.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from competencies import policy
from competencies.accounts import audit
from competencies.accounts.exceptions import AccountError
from competencies.models import Agency, LinkRequest, StaffMember


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(*, to: list[str], stem: str, context: dict) -> None:
    to = [address for address in to if address]
    if not to:
        return
    subject = " ".join(
        render_to_string(f"accounts/email/{stem}_subject.txt", context).split()
    )
    body = render_to_string(f"accounts/email/{stem}.txt", context)
    transaction.on_commit(lambda: EmailMessage(subject, body, to=to).send())


def latest_link_request(user) -> LinkRequest | None:
    """The person's most recent request (pending, or the last answer), for their pages."""
    if user is None or not user.is_authenticated:
        return None
    return (
        LinkRequest.objects.filter(user=user)
        .select_related("agency")
        .order_by("-created_at", "-pk")
        .first()
    )


def link_request_create(
    *, user, agency: Agency, first_name: str, last_name: str, job_title: str
) -> LinkRequest:
    """Ask `agency`'s coordinators to link `user` to a staff record.

    Raises AccountError LINK_ALREADY_LINKED, LINK_PENDING.
    """
    if StaffMember.objects.filter(user=user).exists():
        raise AccountError("LINK_ALREADY_LINKED")
    pending = LinkRequest.objects.filter(
        user=user, status=LinkRequest.Status.PENDING
    ).first()
    if pending is not None:
        raise AccountError("LINK_PENDING", agency=pending.agency.name)
    try:
        with transaction.atomic():
            request = LinkRequest.objects.create(
                user=user,
                agency=agency,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                job_title=job_title.strip(),
            )
    except IntegrityError:
        raise AccountError("LINK_PENDING", agency=agency.name) from None
    log(instance=user, action=audit.LINK_REQUEST, user=user)
    coordinators = list(policy.coordinator_users_of(agency.pk))
    _send(
        to=[u.email for u in coordinators],
        stem="link_request",
        context={
            "request": request,
            "email": user.email,
            "url": _site(reverse("accounts:link_request_detail", args=[request.pk])),
        },
    )
    return request


@transaction.atomic
def link_request_approve(
    *, link_request: LinkRequest, by, staff: StaffMember | None = None
) -> StaffMember:
    """Link the requester to `staff` (a current record of the agency with no account), or
    create their record when `staff` is None.

    Raises AccountError LINK_NOT_PENDING, LINK_ALREADY_LINKED, LINK_STAFF_TAKEN,
    LINK_EMAIL_IN_USE.
    """
    link_request = LinkRequest.objects.select_for_update().get(pk=link_request.pk)
    if link_request.status != LinkRequest.Status.PENDING:
        raise AccountError("LINK_NOT_PENDING")
    user = link_request.user
    if StaffMember.objects.filter(user=user).exists():
        raise AccountError("LINK_ALREADY_LINKED")
    if staff is not None:
        staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
        if (
            staff.agency_id != link_request.agency_id
            or staff.user_id is not None
            or staff.anonymised_at is not None
            or not policy.staff_is_active(staff)
        ):
            raise AccountError("LINK_STAFF_TAKEN", name=staff.full_name)
    else:
        email = (user.email or user.username).strip().lower()
        if StaffMember.objects.annotate(e=Lower("email")).filter(e=email).exists():
            raise AccountError("LINK_EMAIL_IN_USE", email=email)
        staff = StaffMember(
            agency=link_request.agency,
            first_name=link_request.first_name,
            last_name=link_request.last_name,
            email=email,
            job_title=link_request.job_title,
        )
    staff.user = user
    staff.save()
    user.first_name = staff.first_name[:150]
    user.last_name = staff.last_name[:150]
    user.save(update_fields=["first_name", "last_name"])
    link_request.status = LinkRequest.Status.APPROVED
    link_request.decided_by = by
    link_request.decided_at = timezone.now()
    link_request.staff = staff
    link_request.save()
    log(instance=staff, action=audit.LINK, user=by)
    _send(
        to=[user.email],
        stem="link_approved",
        context={
            "request": link_request,
            "staff": staff,
            "url": _site(reverse("courses:my_training")),
        },
    )
    return staff


@transaction.atomic
def link_request_decline(*, link_request: LinkRequest, by, reason: str) -> LinkRequest:
    """Decline with a reason the person is told. Raises AccountError LINK_NOT_PENDING,
    LINK_REASON_REQUIRED."""
    reason = (reason or "").strip()
    if not reason:
        raise AccountError("LINK_REASON_REQUIRED")
    link_request = LinkRequest.objects.select_for_update().get(pk=link_request.pk)
    if link_request.status != LinkRequest.Status.PENDING:
        raise AccountError("LINK_NOT_PENDING")
    link_request.status = LinkRequest.Status.DECLINED
    link_request.decided_by = by
    link_request.decided_at = timezone.now()
    link_request.decline_reason = reason
    link_request.save()
    log(instance=link_request.user, action=audit.LINK_DECLINE, user=by)
    _send(
        to=[link_request.user.email],
        stem="link_declined",
        context={
            "request": link_request,
            "url": _site(reverse("accounts:link_request")),
        },
    )
    return link_request
