"""/my-training/: a person's competencies, bookings and certificates."""

from django.utils import timezone

from competencies import views as competencies_views
from competencies.accounts.link_requests import latest_link_request
from competencies.compliance import Status
from courses import policy, selectors, trainer_selectors
from courses.credentials.keys import signing_key
from courses.models import Session

NEEDS_TRAINING = {Status.MISSING, Status.EXPIRING, Status.EXPIRED}


class MyTrainingView(competencies_views.MyTrainingView):
    """/my-training/: the competencies app's page plus upcoming and past bookings."""

    template_name = "courses/my_training.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = context.get("staff_member")
        if staff is None:
            latest = latest_link_request(self.request.user)
            if latest is not None:
                key = (
                    "pending_link_request"
                    if latest.status == latest.Status.PENDING
                    else "declined_link_request"
                    if latest.status == latest.Status.DECLINED
                    else None
                )
                if key:
                    context[key] = latest
        upcoming, past = [], []
        if staff is not None:
            now = timezone.now()
            for booking in selectors.bookings_for_staff(staff_id=staff.pk):
                # Cancelled bookings stay in view, under "Past and cancelled".
                if (
                    booking.session.end > now
                    and booking.session.status == Session.Status.SCHEDULED
                    and booking.is_active
                ):
                    upcoming.append(booking)
                else:
                    past.append(booking)
            upcoming.reverse()
            trainer_selectors.note_no_certificate_reasons(past)
        # What still needs doing links to sessions that would do it.
        wanted = {
            item["competency"].pk: item["row"].min_level
            for item in context.get("requirements", [])
            if item["row"].status in NEEDS_TRAINING
        }
        delivering = selectors.sessions_delivering(wanted=wanted)
        for item in context.get("requirements", []):
            item["sessions"] = delivering.get(item["competency"].pk, [])
            item["needs_training"] = item["competency"].pk in wanted
        certificates = (
            list(selectors.certificates_for_staff(staff_id=staff.pk))
            if staff is not None
            else []
        )
        # The Open Badges credential sits beside the PDF while one can be signed and served.
        signing = signing_key() is not None
        for certificate in certificates:
            certificate.credential_ready = signing and policy.credential_servable(
                certificate
            )
        context.update(
            certificates=certificates,
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
