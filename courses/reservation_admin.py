"""The admin for places held for an agency: a session's trainer holds them (through
courses.services.reservations), the agency's coordinator sees them and fills them by booking
named staff. A hold is never edited or deleted here: it ends at its date."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from competencies.admin_columns import DateColumn
from competencies.permissions import ActionsWithheldPolicy
from competencies.viewsets import scoped
from courses import policy
from courses.exceptions import BookingError
from courses.models import AgencyReservation, Booking
from courses.services.reservations import reservation_create


class ReservationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only sessions this trainer runs, still to come.
        self.fields["session"].queryset = (
            policy.sessions_run_by(self.for_user).upcoming().select_related("module")
        )


class ReservationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            policy.reservations_visible_to(self.request.user)
            .select_related("session__module", "agency")
            .annotate(
                filled=Count(
                    "bookings", filter=Q(bookings__status__in=Booking.OCCUPYING)
                )
            )
        )


class ReservationCreateView(generic.CreateView):
    def form_valid(self, form):
        try:
            self.object = reservation_create(
                session=form.cleaned_data["session"],
                agency=form.cleaned_data["agency"],
                places=form.cleaned_data["places"],
                until=form.cleaned_data["until"],
                by=self.request.user,
            )
        except BookingError as error:
            form.add_error(None, str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)
        return self.save_action()


# Held places end at their date (or are filled by bookings); changing or deleting one by
# hand would bypass the waiting list, so nobody may.
register_permission_policy(
    AgencyReservation,
    ActionsWithheldPolicy(AgencyReservation, withheld={"change", "delete"}),
)


class ReservationViewSet(ModelViewSet):
    model = AgencyReservation
    icon = "lock"
    menu_label = _("Places held for agencies")
    menu_order = 251
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReservationIndexView
    add_view_class = ReservationCreateView
    # An object view of a hold outside the user's scope is a 404, as everywhere.
    inspect_view_class = scoped(generic.InspectView, policy.reservations_visible_to)
    history_view_class = scoped(generic.HistoryView, policy.reservations_visible_to)
    usage_view_class = scoped(generic.UsageView, policy.reservations_visible_to)
    list_display = [
        "session",
        "agency",
        Column("places", label=_("Held")),
        Column("filled", label=_("Filled")),
        DateColumn("until", label=_("Held until")),
        DateColumn("released_at", label=_("Given back")),
    ]
    list_filter = ["agency"]
    ordering = ["until"]
    inspect_view_fields = ["session", "agency", "places", "until", "released_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("session"),
            FieldPanel("agency"),
            FieldPanel("places"),
            FieldPanel("until"),
        ],
        base_form_class=ReservationForm,
    )


reservation_viewset = ReservationViewSet("courses_reservation")
