"""Account writes: invitations, self-registration, confirmation, passwords and lockouts.

Rules (issue 8):
- An account's username is the person's work email (lower case).
- Nobody sees anything before proving they read that mailbox: invited accounts have no usable
  password until the emailed link sets one; registered accounts stay inactive until the
  emailed confirmation link is used.
- Registration needs an email domain of a partner agency; confirmation links the account to
  the existing, current staff record with that email, if there is one.
- Nothing here reveals whether an account exists: registering an email that has an account
  sends that mailbox a note instead of a second account, through the same steps (a password
  hashed, an email queued), so it takes the same time.
- At most ACCOUNT_EMAIL_LIMIT account emails go to one address an hour
  (competencies.accounts.throttle); over it nothing is sent and the page says the same.

Emails are queued after commit as tasks (competencies.accounts.tasks).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.log_actions import log

from competencies import roles
from competencies.accounts import audit, throttle
from competencies.accounts.exceptions import AccountError
from competencies.accounts.tasks import send_account_email
from competencies.models import Agency, StaffMember


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def agency_for_email(*, email: str) -> Agency | None:
    """The partner agency whose email domains include this address's domain, if any."""
    domain = normalise_email(email).rsplit("@", 1)[-1]
    if not domain:
        return None
    for agency in Agency.objects.exclude(email_domains="").only("pk", "email_domains"):
        if domain in agency.domain_list:
            return agency
    return None


def user_for_email(*, email: str):
    """The account whose username or email is this address (case-insensitive), if any."""
    email = normalise_email(email)
    if not email:
        return None
    users = get_user_model().objects
    return (
        users.filter(username__iexact=email).first()
        or users.filter(email__iexact=email).first()
    )


def _queue_email(*, kind: str, user, counted: bool = False) -> None:
    """Send after commit, unless the address had its share this hour (`counted`: checked)."""
    if not counted and not throttle.email_allowed(user.email):
        return
    user_id = user.pk
    transaction.on_commit(
        lambda: send_account_email.enqueue(kind=kind, user_id=user_id)
    )


def _staff_group() -> Group:
    return Group.objects.get_or_create(name=roles.STAFF)[0]


def _is_pending(user) -> bool:
    """Registered but never confirmed: inactive and never signed in."""
    return not user.is_active and user.last_login is None


@transaction.atomic
def account_invite(*, staff: StaffMember, invited_by) -> AbstractBaseUser:
    """Give a current staff member an account and email them a link to set its password.

    Creates the account (username = work email, no usable password, active) or reuses an
    unconfirmed or not-yet-set-up one with that email, links it to the staff record, and
    emails the one-time link (again, if invited before). An account that already has a
    password and no staff record is linked, and its owner told. Raises AccountError:
    STAFF_LEFT, STAFF_ERASED, ALREADY_HAS_ACCOUNT, ACCOUNT_DISABLED, EMAIL_IN_USE,
    EMAIL_LIMIT (the coordinator is told: the address is their own staff member's).
    """
    staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
    if staff.anonymised_at:
        raise AccountError("STAFF_ERASED")
    if not staff.is_active:
        raise AccountError("STAFF_LEFT", name=staff.full_name)
    email = normalise_email(staff.email)
    user = staff.user or user_for_email(email=email)
    if user is not None:
        linked_to = StaffMember.objects.filter(user=user).exclude(pk=staff.pk).first()
        if linked_to is not None:
            raise AccountError("EMAIL_IN_USE", email=email)
        if user.is_active and user.has_usable_password():
            if staff.user_id == user.pk:
                raise AccountError("ALREADY_HAS_ACCOUNT", name=staff.full_name)
            # Self-registered before the coordinator added them: link, and tell them.
            staff.user = user
            staff.save(update_fields=["user", "updated_at"])
            user.groups.add(_staff_group())
            log(instance=staff, action=audit.LINK, user=invited_by)
            _queue_email(kind="linked", user=user)
            return user
        if not user.is_active and not _is_pending(user):
            raise AccountError("ACCOUNT_DISABLED", email=email)
    else:
        user = get_user_model()(username=email, email=email)
    # Counted before the password is reset: a new invitation outdates the last one's link.
    if not throttle.email_allowed(email):
        raise AccountError("EMAIL_LIMIT", email=email)
    # From here the account has no usable password: only the emailed link opens it.
    user.email = email
    user.first_name = staff.first_name[:150]
    user.last_name = staff.last_name[:150]
    user.is_active = True
    user.set_unusable_password()
    user.save()
    user.groups.add(_staff_group())
    if staff.user_id != user.pk:
        staff.user = user
        staff.save(update_fields=["user", "updated_at"])
    log(instance=staff, action=audit.INVITE, user=invited_by)
    _queue_email(kind="invite", user=user, counted=True)
    return user


def accounts_invite_many(
    *, staff: list[StaffMember], invited_by
) -> tuple[list[StaffMember], list[tuple[StaffMember, str]]]:
    """Invite each of `staff` (e.g. everyone a staff import added) through `account_invite`,
    each in its own transaction, so one refusal does not undo the others.

    Returns (invited, refused) where refused pairs a person with the AccountError message.
    """
    invited, refused = [], []
    for person in staff:
        try:
            account_invite(staff=person, invited_by=invited_by)
        except AccountError as error:
            refused.append((person, str(error)))
        else:
            invited.append(person)
    return invited, refused


@transaction.atomic
def account_register(*, email: str, password: str) -> AbstractBaseUser | None:
    """Register an inactive account for a partner agency's work email, and email a link.

    The password must already have passed Django's validators (the form does that). If the
    email already has an account it is left untouched: an unconfirmed one gets its
    confirmation link again, any other a note saying it exists. Returns the new account or
    None. Raises AccountError DOMAIN_NOT_PARTNER.
    """
    email = normalise_email(email)
    if agency_for_email(email=email) is None:
        raise AccountError("DOMAIN_NOT_PARTNER", domain=email.rsplit("@", 1)[-1])
    existing = user_for_email(email=email)
    if existing is not None:
        make_password(password)  # the time a new account's password takes, thrown away
        if _is_pending(existing) and existing.has_usable_password():
            _queue_email(kind="confirm", user=existing)
        else:
            _queue_email(kind="already_registered", user=existing)
        return None
    user = get_user_model()(username=email, email=email, is_active=False)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return None  # registered twice at the same moment: the first one's email is on its way
    log(instance=user, action=audit.REGISTER, user=None)
    _queue_email(kind="confirm", user=user)
    return user


@transaction.atomic
def account_confirm(*, user) -> StaffMember | None:
    """Activate a registered account and link it to the current staff record of its email.

    A staff record that has left, been erased or already has an account is not linked; the
    person is then told to ask their coordinator. Returns the linked record or None.
    """
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = True
    staff = (
        StaffMember.objects.active()
        .annotate(e=Lower("email"))
        .filter(e=normalise_email(user.email), user__isnull=True, anonymised_at=None)
        .first()
    )
    if staff is not None:
        user.first_name = staff.first_name[:150]
        user.last_name = staff.last_name[:150]
    user.save()
    user.groups.add(_staff_group())
    log(instance=user, action=audit.CONFIRM, user=user)
    if staff is not None:
        staff.user = user
        staff.save(update_fields=["user", "updated_at"])
        log(instance=staff, action=audit.LINK, user=user)
    return staff


@transaction.atomic
def account_password_set(*, user, password: str) -> AbstractBaseUser:
    """Set the password of an invited account from its one-time link (validated by the form)."""
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    log(instance=user, action=audit.PASSWORD_SET, user=user)
    return user


def account_locked_out(*, username: str) -> None:
    """Audit a lockout against the account of that username, if there is one."""
    user = user_for_email(email=username) if username else None
    if user is not None:
        log(
            instance=user,
            action=audit.LOCKOUT,
            user=None,
            timestamp=timezone.now(),
        )
