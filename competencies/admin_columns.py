"""Admin listing columns shared by the apps' viewsets."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.tables import DateColumn as WagtailDateColumn


class DateColumn(WagtailDateColumn):
    """Wagtail's date column ("3 days ago"), but a date still to come shows as the date.

    Wagtail words every date as time since it, and time since a future date is "0 minutes",
    which it shows as "Just now": an expiry next year read as if it had just happened.
    """

    cell_template_name = "competencies/admin/date_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = context.get("value")
        if isinstance(value, datetime.datetime):
            context["future"] = value > timezone.now()
            context["date_format"] = "j M Y H:i"
        elif isinstance(value, datetime.date):
            context["future"] = value > timezone.localdate()
            context["date_format"] = "j M Y"
        return context
