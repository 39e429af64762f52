"""Bookings of a session (with the waitlist and the register's marks), evaluations, follow-ups
and the reminders sent about them.

Rules that span rows (capacity, the agency-mix rule, the waitlist) live in courses.policy and
courses.services and are decided inside a lock on the session row; the models hold the
single-row invariants.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models.base import TimeStampedModel
from courses.models.sessions import Session


class Booking(TimeStampedModel):
    """One staff member's place (or place in the queue) on one session."""

    # High-volume rows: no need for Wagtail's "usage" index, which costs a write per save.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING_APPROVAL = "pending_approval", _("Waiting for manager approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        PARTIAL = "partial", _("Partly attended")
        ABSENT = "absent", _("Absent (no-show)")

    class CancelReason(models.TextChoices):
        BY_STAFF = "by_staff", _("Cancelled by the staff member")
        BY_COORDINATOR = "by_coordinator", _("Cancelled by the agency")
        REFUSED = "refused", _("Manager refused approval")
        APPROVAL_EXPIRED = "approval_expired", _("Approval request not answered")
        OFFER_EXPIRED = "offer_expired", _("Offered place not taken in time")
        SESSION_CANCELLED = "session_cancelled", _("Session cancelled")
        SESSION_OVER = "session_over", _("Session took place without a place")

    # Statuses that hold one of the session's places.
    OCCUPYING = (Status.CONFIRMED, Status.PENDING_APPROVAL, Status.OFFERED)
    # Statuses that count as "booked" for the one-booking-per-person rule.
    ACTIVE = (*OCCUPYING, Status.WAITLISTED)

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="bookings"
    )
    staff = models.ForeignKey(
        "competencies.StaffMember",
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("staff member"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(
        _("offer expires at"), null=True, blank=True
    )
    approval_expires_at = models.DateTimeField(
        _("approval request expires at"), null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True
    )
    late_cancellation = models.BooleanField(_("late cancellation"), default=False)
    # Required when someone cancels on the person's behalf, so they learn why.
    cancel_note = models.TextField(_("reason given for cancelling"), blank=True)
    # The SEQUENCE of the last calendar message sent about this place (RFC 5545 3.8.7.4):
    # raised by courses.calendar_invites each time one is built, so every update or
    # cancellation supersedes the one before in the person's calendar.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The register's detail behind a "partly attended" mark: when a late arrival came (or
    # when anyone checked in with the QR code) and when someone left early.
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left early at"), null=True, blank=True)
    walk_in = models.BooleanField(
        _("walk-in"),
        default=False,
        help_text=_("Added to the register on the day, without a booking beforehand."),
    )
    reservation = models.ForeignKey(
        "courses.AgencyReservation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("place held for the agency"),
    )
    competency_records = models.ManyToManyField(
        "competencies.CompetencyRecord",
        blank=True,
        related_name="bookings",
        verbose_name=_("competency records written by attendance"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("booking")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "staff"],
                condition=Q(
                    status__in=[
                        "pending_approval",
                        "confirmed",
                        "waitlisted",
                        "offered",
                    ]
                ),
                name="booking_one_active_per_staff",
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(status="confirmed"),
                name="booking_attendance_only_when_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.staff} – {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_no_show(self) -> bool:
        return self.attendance == self.Attendance.ABSENT


class Evaluation(TimeStampedModel):
    """What an attendee thought straight after the session."""

    # High-volume rows: no need for Wagtail's "usage" index, which costs a write per save.
    wagtail_reference_index_ignore = True

    booking = models.OneToOneField(
        Booking, on_delete=models.CASCADE, related_name="evaluation"
    )
    overall_rating = models.PositiveSmallIntegerField(
        _("overall rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    confidence_before = models.DecimalField(
        _("confidence before (mean of outcomes, 1–10)"), max_digits=4, decimal_places=2
    )
    confidence_after = models.DecimalField(
        _("confidence after (mean of outcomes, 1–10)"), max_digits=4, decimal_places=2
    )
    outcome_confidence = models.JSONField(
        _("confidence per learning outcome"),
        default=list,
        help_text=_('[{"outcome": "...", "before": 1-10, "after": 1-10}, ...]'),
    )
    do_differently = models.TextField(_("what I will do differently"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        constraints = [
            models.CheckConstraint(
                condition=Q(overall_rating__gte=1, overall_rating__lte=5),
                name="evaluation_rating_1_to_5",
            )
        ]

    def __str__(self):
        return f"Evaluation of {self.booking}"


class FollowUp(TimeStampedModel):
    """Three months on: has the attendee's practice changed?"""

    # High-volume rows: no need for Wagtail's "usage" index, which costs a write per save.
    wagtail_reference_index_ignore = True

    class Changed(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    booking = models.OneToOneField(
        Booking, on_delete=models.CASCADE, related_name="follow_up"
    )
    practice_changed = models.CharField(
        _("has your practice changed?"), max_length=10, choices=Changed.choices
    )
    example = models.TextField(_("an example"), blank=True)

    class Meta:
        verbose_name = _("evaluation follow-up")

    def __str__(self):
        return f"Follow-up of {self.booking}"


class ReminderSent(models.Model):
    """One reminder that went out, so an hourly run never sends it twice."""

    # High-volume rows: no need for Wagtail's "usage" index, which costs a write per save.
    wagtail_reference_index_ignore = True

    key = models.CharField(max_length=100, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")

    def __str__(self):
        return self.key
