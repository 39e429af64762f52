"""Joint sessions: a scheduled run of a module page, its bookings, waitlist, register and evaluations.

Rules that span rows (capacity, the agency-mix rule, the waitlist) live in courses/services.py and
are decided inside a lock on the session row; the models hold the single-row invariants.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


@register_setting(icon="calendar")
class BookingSettings(BaseGenericSetting):
    """Partnership-wide defaults of the booking rules; a session may override the mix rule."""

    max_per_agency_percent = models.PositiveSmallIntegerField(
        _("agency-mix rule: most places one agency may hold (% of capacity)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Keeps sessions multi-agency. A session can set its own number of places instead."
        ),
    )
    mix_relax_days = models.PositiveSmallIntegerField(
        _("days before the session when the mix rule lifts"),
        default=14,
        help_text=_("Inside this many days any agency may take the remaining places."),
    )
    offer_hold_hours = models.PositiveSmallIntegerField(
        _("hours a freed place is held for the person offered it"), default=48
    )
    late_cancellation_days = models.PositiveSmallIntegerField(
        _("days before the start after which a cancellation is late"), default=3
    )
    approval_expiry_hours = models.PositiveSmallIntegerField(
        _("hours a line manager has to answer an approval request"), default=72
    )
    # docs/charging.md, Amounts: £25 for a half day (up to 4 hours), £50 for a full day.
    no_show_charge_half_day = models.DecimalField(
        _("charge for a no-show or late cancellation: half day (up to 4 hours), £"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("25.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Invoiced to the employing agency. Zero for no charge."),
    )
    no_show_charge_full_day = models.DecimalField(
        _("charge for a no-show or late cancellation: longer sessions, £"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("50.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("max_per_agency_percent"), FieldPanel("mix_relax_days")]
        ),
        FieldPanel("offer_hold_hours"),
        FieldPanel("late_cancellation_days"),
        FieldPanel("approval_expiry_hours"),
        FieldRowPanel(
            [
                FieldPanel("no_show_charge_half_day"),
                FieldPanel("no_show_charge_full_day"),
            ],
            heading=_("Non-attendance charges"),
        ),
    ]

    HALF_DAY = datetime.timedelta(hours=4)

    def no_show_charge_for(self, session: "Session") -> Decimal:
        """What a no-show or late cancellation on `session` costs the employing agency.

        The session's own amount if it sets one; else the partnership's half-day amount for a
        session of up to 4 hours, the full-day amount for a longer one.
        """
        if session.no_show_charge is not None:
            return session.no_show_charge
        if session.end - session.start <= self.HALF_DAY:
            return self.no_show_charge_half_day
        return self.no_show_charge_full_day

    class Meta:
        verbose_name = _("booking rules")


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(
            status=Session.Status.SCHEDULED, start__gt=now or timezone.now()
        )


class Session(TimeStampedModel):
    """A scheduled run of a module page, hosted by one agency and open to all."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    module = models.ForeignKey(
        "cms.ModulePage",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("module"),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    access_notes = models.TextField(
        _("access notes"),
        blank=True,
        help_text=_("Step-free access, parking, hearing loop, where to report."),
    )
    online_link = models.URLField(
        _("online joining link"),
        blank=True,
        help_text=_("Only shown to people with a confirmed place."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1)], default=20
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="sessions_trained",
        verbose_name=_("trainers"),
    )
    host_agency = models.ForeignKey(
        "competencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_sessions",
        verbose_name=_("host agency"),
    )
    area = models.ForeignKey(
        "competencies.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("area"),
        help_text=_("Leave blank for online sessions open to every area."),
    )
    booking_opens_at = models.DateTimeField(_("booking opens"), null=True, blank=True)
    booking_closes_at = models.DateTimeField(
        _("booking closes"),
        null=True,
        blank=True,
        help_text=_("Leave blank to take bookings until the session starts."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    max_per_agency = models.PositiveIntegerField(
        _("most places one agency may hold"),
        null=True,
        blank=True,
        help_text=_("Leave blank for the partnership default."),
    )
    mix_relax_days = models.PositiveSmallIntegerField(
        _("days before the start when the mix rule lifts"),
        null=True,
        blank=True,
        help_text=_("Leave blank for the partnership default."),
    )
    requires_manager_approval = models.BooleanField(
        _("bookings need line-manager approval"), default=False
    )
    no_show_charge = models.DecimalField(
        _("charge for a no-show or late cancellation, £"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Leave blank for the partnership's half-day or full-day amount; 0 for no charge."
        ),
    )

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldPanel("module"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("access_notes"),
                FieldPanel("online_link"),
                FieldPanel("area"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("host_agency"),
                FieldPanel("trainers"),
                FieldRowPanel(
                    [FieldPanel("booking_opens_at"), FieldPanel("booking_closes_at")]
                ),
                FieldRowPanel(
                    [FieldPanel("max_per_agency"), FieldPanel("mix_relax_days")]
                ),
                FieldPanel("requires_manager_approval"),
                FieldPanel("no_show_charge"),
            ],
            heading=_("Booking"),
        ),
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("session")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="session_capacity_positive"
            ),
        ]
        indexes = [models.Index(fields=["status", "start"])]

    def __str__(self):
        when = timezone.localtime(self.start).strftime("%-d %b %Y %H:%M")
        return f"{self.module.title}, {when}"

    def get_absolute_url(self):
        return reverse("courses:session_detail", args=[self.pk])

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The session must end after it starts.")})
        if (
            self.booking_opens_at
            and self.booking_closes_at
            and self.booking_closes_at <= self.booking_opens_at
        ):
            raise ValidationError(
                {"booking_closes_at": _("Booking must close after it opens.")}
            )
        if not self.venue_name and not self.online_link:
            raise ValidationError(
                {"venue_name": _("Give a venue or an online joining link.")}
            )

    @property
    def is_online(self) -> bool:
        return bool(self.online_link) and not self.venue_name

    @property
    def local_date(self) -> datetime.date:
        return timezone.localtime(self.start).date()


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


class CertificateSequence(models.Model):
    """The last certificate number issued in a year; locked while the next one is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate number sequence")

    def __str__(self):
        return f"{self.year}: {self.last}"


class CertificateQuerySet(models.QuerySet):
    def current(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(TimeStampedModel):
    """Proof that one person fully attended one session.

    What the certificate says is copied onto the row when it is issued, so the PDF drawn today
    and the one drawn in five years read the same even after the module page is edited or the
    trainer leaves. A correction never edits a certificate: it is revoked, and a re-issue gets
    a new number.
    """

    wagtail_reference_index_ignore = True

    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, related_name="certificates"
    )
    staff = models.ForeignKey(
        "competencies.StaffMember",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=32, unique=True
    )
    issued_at = models.DateTimeField(_("issued"))
    expires_on = models.DateField(_("refresh due"), null=True, blank=True)
    # The face of the certificate, as printed.
    holder_name = models.CharField(_("name"), max_length=300)
    agency_name = models.CharField(_("agency"), max_length=300)
    module_title = models.CharField(_("module"), max_length=255)
    module_level = models.PositiveSmallIntegerField(_("level"))
    competencies = models.JSONField(
        _("competencies evidenced"),
        default=list,
        help_text=_('[{"code": "...", "title": "...", "level": n}, ...]'),
    )
    learning_hours = models.DecimalField(
        _("learning hours"), max_digits=5, decimal_places=2
    )
    session_date = models.DateField(_("session date"))
    trainer_names = models.CharField(_("trainers"), max_length=500, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("why revoked"), max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the holder's personal data is erased: the certificate no longer verifies.
    erased_at = models.DateTimeField(_("holder erased"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(revoked_at__isnull=True),
                name="certificate_one_current_per_booking",
            )
        ]
        indexes = [models.Index(fields=["staff", "issued_at"])]

    def __str__(self):
        return f"{self.number} – {self.holder_name}, {self.module_title}"

    def get_absolute_url(self):
        return reverse("courses:certificate_pdf", args=[self.number])

    def get_verify_url(self):
        return reverse("courses:verify", args=[self.verification_code])

    @property
    def learning_hours_label(self) -> str:
        """3.5, not 3.50; 8, not 8.00."""
        return f"{self.learning_hours.normalize():f}"

    @property
    def verification_code_display(self) -> str:
        code = self.verification_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    def status(self, today: datetime.date | None = None) -> str:
        """valid, expired, revoked or unverifiable (holder's data erased)."""
        if self.erased_at:
            return "unverifiable"
        if self.revoked_at:
            return "revoked"
        today = today or timezone.localdate()
        if self.expires_on and self.expires_on < today:
            return "expired"
        return "valid"


class Review(TimeStampedModel):
    """A Safeguarding Adults Review or a Domestic Abuse Related Death Review whose
    recommendations the partnership answers with training."""

    class Kind(models.TextChoices):
        SAR = "sar", _("Safeguarding Adults Review (SAR)")
        DARDR = "dardr", _("Domestic Abuse Related Death Review (DARDR, formerly DHR)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(
        _("title"), max_length=200, help_text=_('As published, e.g. "SAR Adult B".')
    )
    board = models.ForeignKey(
        "competencies.Board",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("board or partnership that commissioned it"),
    )
    published_on = models.DateField(_("published"))
    link = models.URLField(_("link to the published review"), blank=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("review")

    def __str__(self):
        return f"{self.title} ({self.published_on:%B %Y})"


class Recommendation(TimeStampedModel):
    """One recommendation of a review about training, linked to what answers it."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.CharField(_("number"), max_length=10, help_text=_("e.g. 3 or 4b"))
    text = models.TextField(_("recommendation"))
    made_on = models.DateField(
        _("counting training from"),
        help_text=_("Usually the date the review was published."),
    )
    agencies = models.ManyToManyField(
        "competencies.Agency",
        related_name="recommendations",
        verbose_name=_("agencies it names"),
    )
    modules = models.ManyToManyField(
        "cms.ModulePage",
        blank=True,
        related_name="recommendations",
        verbose_name=_("modules that answer it"),
    )
    competencies = models.ManyToManyField(
        "competencies.Competency",
        blank=True,
        related_name="recommendations",
        verbose_name=_("competencies that answer it"),
    )

    class Meta:
        ordering = ["review", "number"]
        verbose_name = _("review recommendation")

    def __str__(self):
        return f"{self.review.title}, recommendation {self.number}"
