"""Portable records: a person moves to another agency and their records move with them.

The new agency's coordinator asks, giving the person's work email at the old agency (matched
exactly: no browsing of other agencies' staff) and their new work email. The person, a
coordinator of the agency they leave, or an administrator approves. The move changes the same
staff record, so valid competency records, certificates and bookings stay theirs and count for
the new agency at once. Request, approval and refusal are in the audit log (agency names and
user ids only, no personal data).
"""

import datetime

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail import hooks
from wagtail.log_actions import log

from competencies import policy
from competencies.exceptions import CompetencyError
from competencies.models import Agency, StaffMember, StaffMove

REQUEST = "competencies.staff.move_request"
APPROVE = "competencies.staff.move"
REFUSE = "competencies.staff.move_refuse"

ACTIONS = {
    REQUEST: (
        gettext_lazy("Ask to move agency"),
        gettext_lazy("Move to another agency asked for"),
    ),
    APPROVE: (
        gettext_lazy("Move agency"),
        gettext_lazy("Moved to another agency, records kept"),
    ),
    REFUSE: (
        gettext_lazy("Refuse a move"),
        gettext_lazy("Move to another agency refused"),
    ),
}


@hooks.register("register_log_actions")
def register_move_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def _audit(move: StaffMove, action: str, user) -> None:
    log(
        instance=move.staff,
        action=action,
        user=user,
        data={
            "move": move.pk,
            "from_agency": move.from_agency.short_name,
            "to_agency": move.to_agency.short_name,
            "requested_by": move.requested_by_id,
        },
    )


def move_request(
    *, old_email: str, to_agency: Agency, new_email: str, new_job_title: str = "", by
) -> StaffMove | None:
    """Ask to move the person whose work email is `old_email` into `to_agency`.

    Returns the pending move, or None when there is nothing to ask: no one in another agency
    has that email, or a move for them already waits. The caller says the same either way,
    and every error is about the asker's own input or their own agency's staff, never about
    another agency's, so the form cannot be used to find out who works where. (A new email
    held in a third agency, possible when agencies share a domain, stops the approval.)
    Raises CompetencyError MOVE_NOT_COORDINATOR, MOVE_EMAIL_DOMAIN, MOVE_SAME_AGENCY (the old
    email is one of the asker's staff), MOVE_EMAIL_TAKEN (the new one is).
    """
    if not (policy.may_manage_agency(by, to_agency.pk)):
        raise CompetencyError("MOVE_NOT_COORDINATOR")
    old_email, new_email = old_email.strip(), new_email.strip().lower()
    domains = to_agency.domain_list
    if domains and new_email.rsplit("@", 1)[-1] not in domains:
        raise CompetencyError(
            "MOVE_EMAIL_DOMAIN", agency=to_agency.name, domains=", ".join(domains)
        )
    current = StaffMember.objects.filter(anonymised_at__isnull=True)
    ours = current.filter(agency=to_agency)
    if ours.filter(email__iexact=old_email).exists():
        raise CompetencyError("MOVE_SAME_AGENCY", agency=to_agency.name)
    if ours.filter(email__iexact=new_email).exists():
        raise CompetencyError("MOVE_EMAIL_TAKEN", email=new_email)
    with transaction.atomic():
        staff = (
            current.select_for_update()
            .select_related("agency")
            .filter(email__iexact=old_email)
            .exclude(agency=to_agency)
            .first()
        )
        if (
            staff is None
            or staff.moves.filter(status=StaffMove.Status.PENDING).exists()
        ):
            return None
        move = StaffMove.objects.create(
            staff=staff,
            from_agency=staff.agency,
            to_agency=to_agency,
            new_email=new_email,
            new_job_title=new_job_title.strip(),
            requested_by=by,
        )
        _audit(move, REQUEST, by)
        move_id = move.pk
        transaction.on_commit(lambda: send_move_request_email.enqueue(move_id=move_id))
    return move


def can_decide(user, move: StaffMove) -> bool:
    if not user.is_authenticated:
        return False
    if move.staff.user_id and move.staff.user_id == user.pk:
        return True
    return policy.may_manage_agency(user, move.from_agency_id)


def _decide(move: StaffMove, by, *, approve: bool, now) -> StaffMove:
    with transaction.atomic():
        move = (
            StaffMove.objects.select_for_update(of=("self",))
            .select_related("staff__user", "from_agency", "to_agency")
            .get(pk=move.pk)
        )
        if not can_decide(by, move):
            raise CompetencyError("MOVE_NOT_APPROVER")
        if move.status != StaffMove.Status.PENDING:
            raise CompetencyError("MOVE_NOT_PENDING")
        move.status = StaffMove.Status.APPROVED if approve else StaffMove.Status.REFUSED
        move.decided_by, move.decided_at = by, now
        move.save(update_fields=["status", "decided_by", "decided_at"])
        if approve:
            _apply(move)
        _audit(move, APPROVE if approve else REFUSE, by)
    return move


def _apply(move: StaffMove) -> None:
    """Same person, new agency: what belonged to the old employer is cleared."""
    if StaffMember.objects.filter(email__iexact=move.new_email).exclude(
        pk=move.staff_id
    ):
        raise CompetencyError("MOVE_EMAIL_TAKEN", email=move.new_email)
    staff = move.staff
    kept_areas = set(staff.areas.values_list("pk", flat=True))
    new_areas = set(move.to_agency.areas.values_list("pk", flat=True))
    staff.agency = move.to_agency
    staff.email = move.new_email
    staff.job_title = move.new_job_title
    staff.employee_ref = ""  # the old employer's reference
    staff.line_manager = None
    staff.left_on = None
    staff.save()  # the compliance cache refreshes through the staff signal
    staff.areas.set((kept_areas & new_areas) or new_areas)
    if staff.user_id:
        user = staff.user
        user.email = move.new_email
        user.save(update_fields=["email"])


def move_approve(
    *, move: StaffMove, by, now: datetime.datetime | None = None
) -> StaffMove:
    """Raises CompetencyError MOVE_NOT_APPROVER, MOVE_NOT_PENDING, MOVE_EMAIL_TAKEN."""
    return _decide(move, by, approve=True, now=now or timezone.now())


def move_refuse(
    *, move: StaffMove, by, now: datetime.datetime | None = None
) -> StaffMove:
    """Raises CompetencyError MOVE_NOT_APPROVER, MOVE_NOT_PENDING."""
    return _decide(move, by, approve=False, now=now or timezone.now())


def moves_visible_to(user) -> QuerySet[StaffMove]:
    """Moves the user may see: their own, those out of their agency, and those into it once
    approved. A move into the agency that waits or was refused is not shown there: it would
    tell the asker that someone in another agency has the email they typed."""
    moves = StaffMove.objects.select_related("staff", "from_agency", "to_agency")
    if policy.can_see_all_agencies(user):
        return moves
    condition = Q(staff__user=user)
    agency_ids = policy.agency_ids_visible_to(user)
    if agency_ids:
        condition |= Q(from_agency_id__in=agency_ids) | Q(
            to_agency_id__in=agency_ids, status=StaffMove.Status.APPROVED
        )
    return moves.filter(condition)


@task()
def send_move_request_email(move_id: int) -> int:
    """Tell the person and the old agency's coordinators that a move waits for them."""
    from django.conf import settings

    move = StaffMove.objects.select_related("staff", "from_agency", "to_agency").get(
        pk=move_id
    )
    coordinators = (
        policy.coordinator_users_of(move.from_agency_id)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    to = [move.staff.email] if move.staff.email else []
    body = render_to_string(
        "competencies/email/move_request.txt",
        {
            "move": move,
            "moves_url": settings.SITE_URL.rstrip("/") + reverse("agency_moves"),
        },
    )
    message = EmailMessage(
        _("Approve a move to {agency}").format(agency=move.to_agency.name),
        body,
        to=to,
        cc=list(coordinators),
    )
    return message.send()
