"""Certificates issued, withheld and revoked by module over the period (docs/metrics.md, metric 17).

Issued: certificates issued in the period to staff in scope. Withheld: full attendees of
sessions completed in the period whose module releases the certificate only after the
evaluation, and who have not sent it. Revoked: certificates revoked in the period.
"""

import datetime

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from courses.models import Booking, Certificate
from courses.policy import certificate_withheld_q, period_bounds
from courses.reports.definitions import Report, Table, register


def _bounds(filters):
    """The period as an inclusive range for `__range` lookups."""
    start, end = period_bounds(filters.start, filters.end)
    return start, end - datetime.timedelta(microseconds=1)


@register
class CertificatesByModule(Report):
    slug = "certificates"
    title = _("Certificates issued, withheld and revoked")
    description = _(
        "By module over the period: issued; withheld until the evaluation is sent; revoked."
    )
    on_dashboard = False

    def table(self, *, scope, filters) -> Table:
        start, end = _bounds(filters)
        staff = filters.staff(scope)
        certificates = Certificate.objects.filter(staff__in=staff)
        issued = dict(
            certificates.filter(issued_at__range=(start, end))
            .values_list("module_title")
            .annotate(n=Count("pk"))
            .order_by()
        )
        revoked = dict(
            certificates.filter(revoked_at__range=(start, end))
            .values_list("module_title")
            .annotate(n=Count("pk"))
            .order_by()
        )
        withheld = dict(
            Booking.objects.filter(
                certificate_withheld_q(),
                staff__in=staff,
                session__start__range=(start, end),
            )
            .values_list("session__module__title")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        modules = sorted(set(issued) | set(revoked) | set(withheld))
        rows = [
            [m, issued.get(m, 0), withheld.get(m, 0), revoked.get(m, 0)]
            for m in modules
        ]
        rows.append(
            [
                "Total",
                sum(issued.values()),
                sum(withheld.values()),
                sum(revoked.values()),
            ]
        )
        return Table(headers=["Module", "Issued", "Withheld", "Revoked"], rows=rows)
