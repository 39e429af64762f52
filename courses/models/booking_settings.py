"""The partnership-wide defaults of the booking rules (a Wagtail setting)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

if TYPE_CHECKING:
    from courses.models.sessions import Session


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

    def no_show_charge_for(self, session: Session) -> Decimal:
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
