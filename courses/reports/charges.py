"""Non-attendance charges: what each agency is invoiced for its no-shows and late cancellations.

Chargeable (docs/charging.md): on a session completed in the period, a
confirmed place marked absent (a no-show) or a place cancelled inside the cut-off (a late
cancellation). E-learning is free, and so is a session whose amount is zero. The amount is the
session's own if it sets one, else the partnership's half-day (up to 4 hours) or full-day
amount (``BookingSettings.no_show_charge_for``). A named list: coordinators and administrators.
"""

from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import ModulePage
from courses.models import Booking, BookingSettings
from courses.reports.activity import bookings_in_scope
from courses.reports.definitions import Report, Table, register


def chargeable_bookings(*, scope, filters):
    """No-shows and late cancellations of staff in scope on sessions completed in the period."""
    return (
        bookings_in_scope(scope, filters)
        .filter(
            Q(status=Booking.Status.CONFIRMED, attendance=Booking.Attendance.ABSENT)
            | Q(status=Booking.Status.CANCELLED, late_cancellation=True)
        )
        .exclude(session__module__delivery_mode=ModulePage.DeliveryMode.E_LEARNING)
        .select_related("staff__agency", "session__module")
        .order_by(
            "staff__agency__name", "session__start", "staff__last_name", "staff__pk"
        )
    )


@register
class NoShowCharges(Report):
    slug = "no-show-charges"
    title = _("Non-attendance charges")
    description = _(
        "Each no-show and late cancellation to invoice to the employing agency, with totals."
    )
    named = True

    def table(self, *, scope, filters) -> Table:
        rules = BookingSettings.load()
        rows: list[list] = []
        count, total = 0, Decimal("0.00")
        agency, agency_count, agency_total = None, 0, Decimal("0.00")

        def subtotal():
            rows.append(
                [
                    f"Total for {agency}",
                    "",
                    "",
                    "",
                    "",
                    f"{agency_count} charges",
                    agency_total,
                ]
            )

        for booking in chargeable_bookings(scope=scope, filters=filters):
            amount = rules.no_show_charge_for(booking.session)
            if not amount:
                continue
            if agency is not None and booking.staff.agency.name != agency:
                subtotal()
                agency_count, agency_total = 0, Decimal("0.00")
            agency = booking.staff.agency.name
            session = booking.session
            rows.append(
                [
                    agency,
                    booking.staff.full_name,
                    booking.staff.employee_ref,
                    session.module.title,
                    timezone.localtime(session.start).date(),
                    "No-show" if booking.is_no_show else "Late cancellation",
                    amount,
                ]
            )
            count, total = count + 1, total + amount
            agency_count, agency_total = agency_count + 1, agency_total + amount
        if agency is not None:
            subtotal()
        rows.append(["Total", "", "", "", "", f"{count} charges", total])
        return Table(
            headers=[
                "Agency",
                "Name",
                "Employee reference",
                "Session",
                "Date",
                "Reason",
                "Amount (£)",
            ],
            rows=rows,
        )
