"""Places a trainer holds back on a session for one agency, until a date."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models.base import TimeStampedModel
from courses.models.sessions import Session


class AgencyReservation(TimeStampedModel):
    """N places of a session kept for one agency until `until`.

    Only that agency's training coordinator fills them, by booking named staff; a booking
    made that way points here (Booking.reservation). Places still empty at `until` go back
    to everyone (courses.services.reservations.reservations_release offers them to the
    waiting list). Capacity counts the empty reserved places as taken until then.
    """

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="reservations"
    )
    agency = models.ForeignKey(
        "competencies.Agency",
        on_delete=models.PROTECT,
        related_name="reservations",
        verbose_name=_("agency"),
    )
    places = models.PositiveIntegerField(
        _("places held"), validators=[MinValueValidator(1)]
    )
    until = models.DateTimeField(
        _("held until"),
        help_text=_("Places the agency has not filled by then go back to everyone."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("places held for an agency")
        verbose_name_plural = _("places held for agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "agency"], name="reservation_one_per_agency"
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1), name="reservation_places_positive"
            ),
        ]

    def __str__(self):
        return f"{self.places} for {self.agency} – {self.session}"
