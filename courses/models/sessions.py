"""Joint sessions: a scheduled run of a module page, with its places and booking window."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from courses.models.base import TimeStampedModel


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
        # The partnership's name for them, on the admin's menu, titles and breadcrumbs alike.
        verbose_name = _("joint session")
        verbose_name_plural = _("joint sessions")
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
