"""/my-training/: a person's competencies, bookings and certificates."""

from django.utils import timezone

from competencies import views as competencies_views
from courses import policy, selectors, trainer_selectors
from courses.models import Session


class MyTrainingView(competencies_views.MyTrainingView):
    """/my-training/: the competencies app's page plus upcoming and past bookings."""

    template_name = "courses/my_training.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = context.get("staff_member")
        upcoming, past = [], []
        if staff is not None:
            now = timezone.now()
            for booking in selectors.bookings_for_staff(staff_id=staff.pk):
                if (
                    booking.session.end > now
                    and booking.session.status == Session.Status.SCHEDULED
                ):
                    if booking.is_active:
                        upcoming.append(booking)
                else:
                    past.append(booking)
            upcoming.reverse()
            trainer_selectors.note_no_certificate_reasons(past)
        context.update(
            certificates=(
                list(selectors.certificates_for_staff(staff_id=staff.pk))
                if staff is not None
                else []
            ),
            awaiting_evaluation=[
                b
                for b in past
                if policy.attended_in_full(b)
                and b.session.module.requires_evaluation
                and not hasattr(b, "evaluation")
            ],
            upcoming_bookings=upcoming,
            past_bookings=past,
            today=timezone.localdate(),
        )
        return context
