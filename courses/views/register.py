"""The register of a session for the trainers who run it: marks with times, walk-ins, the QR
check-in code, completing through a check step, and the sign-in sheet."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from competencies.imports.staff import staff_match_or_add
from competencies.models import StaffMember
from competencies.policy import staff_active_q
from courses import policy, selectors, services, trainer_selectors
from courses.certificates import qr_svg
from courses.exceptions import BookingError
from courses.models import Session
from courses.pdf import render_pdf
from courses.register_forms import NewPersonForm, RegisterMarksForm
from courses.views.helpers import with_error


def completed_message(counts: dict) -> str:
    return (
        _(
            "Session completed: %(attended)d attended, %(late)d late, %(left_early)d left "
            "early, %(absent)d absent (walk-ins among them: %(walk_ins)d)."
        )
        % counts
    )


class SessionRunByMixin(LoginRequiredMixin):
    """Somebody else's session does not exist for a trainer (404, not "forbidden")."""

    def _session(self, request, pk) -> Session:
        return get_object_or_404(
            policy.sessions_run_by(request.user).select_related("module"), pk=pk
        )


class RegisterView(SessionRunByMixin, View):
    """Mark everyone, add walk-ins, show the check-in code; "Complete" goes to the check step."""

    template_name = "courses/register.html"

    def render_register(
        self,
        request,
        session,
        *,
        form=None,
        new_form=None,
        walk_in_error="",
        status=200,
    ):
        bookings = list(selectors.register_for_session(session=session))
        form = form or RegisterMarksForm(session=session, bookings=bookings)
        query = request.GET.get("q", "").strip()[:100]
        opens, closes = policy.check_in_window(session)
        check_in_url = settings.SITE_URL.rstrip("/") + reverse(
            "courses:check_in", args=[session.pk]
        )
        context = {
            "session": session,
            "form": form,
            "counts": policy.register_counts(bookings),
            "query": query,
            "results": trainer_selectors.walk_in_search(session=session, query=query),
            "new_form": new_form or NewPersonForm(),
            "walk_in_error": walk_in_error,
            "check_in_url": check_in_url,
            "check_in_opens": opens,
            "check_in_closes": closes,
            "qr": qr_svg(check_in_url)
            if session.status == Session.Status.SCHEDULED
            else "",
            "certificates": list(
                selectors.certificates_for_session(session=session).select_related(
                    "staff"
                )
            ),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_register(request, self._session(request, pk))

    def post(self, request, pk):
        session = self._session(request, pk)
        bookings = selectors.register_for_session(session=session)
        form = RegisterMarksForm(request.POST, session=session, bookings=bookings)
        if not form.is_valid():
            return self.render_register(request, session, form=form)
        try:
            with transaction.atomic():
                for booking, mark, at in form.marks():
                    services.register_mark_set(
                        booking=booking, mark=mark, at=at, by=request.user
                    )
        except BookingError as error:
            return self.render_register(request, session, form=with_error(form, error))
        if "complete" in request.POST:
            return redirect("courses:register_check", pk=session.pk)
        messages.success(request, _("The register is saved."))
        return redirect("courses:register", pk=session.pk)


class RegisterCheckView(SessionRunByMixin, View):
    """Check your answers before completing: the counts, who was partly there, who is unmarked."""

    def get(self, request, pk, error=None):
        session = self._session(request, pk)
        bookings = list(selectors.register_for_session(session=session))
        partial = [
            b for b in bookings if policy.register_mark(b) in ("late", "left_early")
        ]
        return render(
            request,
            "courses/register_check.html",
            {
                "session": session,
                "counts": policy.register_counts(bookings),
                "partial": partial,
                "walk_ins": [b for b in bookings if b.walk_in],
                "error": error,
            },
            status=400 if error else 200,
        )

    def post(self, request, pk):
        session = self._session(request, pk)
        try:
            services.session_complete(session=session, by=request.user)
        except BookingError as error:
            return self.get(request, pk, error=str(error))
        bookings = selectors.register_for_session(session=session)
        messages.success(request, completed_message(policy.register_counts(bookings)))
        return redirect(
            reverse("courses:register", args=[session.pk]) + "#certificates"
        )


class WalkInView(RegisterView):
    """Add a walk-in: someone found by the search, or someone new (matched or added as the
    staff import would), then back to the register."""

    def get(self, request, pk):
        raise Http404

    def post(self, request, pk):
        session = self._session(request, pk)
        new_form = None
        try:
            if request.POST.get("staff"):
                staff = get_object_or_404(
                    StaffMember.objects.filter(
                        staff_active_q(), anonymised_at__isnull=True
                    ),
                    pk=_int(request.POST["staff"]),
                )
            else:
                new_form = NewPersonForm(request.POST)
                if not new_form.is_valid():
                    return self.render_register(
                        request, session, new_form=new_form, status=400
                    )
                data = new_form.cleaned_data
                staff, _created = staff_match_or_add(
                    agency=data["agency"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    user=request.user,
                )
            services.walk_in_add(session=session, staff=staff, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                new_form.add_error("email", message)
            return self.render_register(request, session, new_form=new_form, status=400)
        except BookingError as error:
            return self.render_register(
                request, session, walk_in_error=str(error), status=400
            )
        messages.success(
            request,
            _("%(name)s is on the register as a walk-in. Mark them below.")
            % {"name": staff.full_name},
        )
        return redirect("courses:register", pk=session.pk)


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


class WaitingListView(SessionRunByMixin, View):
    """The people waiting for a place, in the order places are offered."""

    def get(self, request, pk):
        session = self._session(request, pk)
        return render(
            request,
            "courses/register_waiting_list.html",
            {
                "session": session,
                "waiting": trainer_selectors.waiting_list(session=session),
            },
        )


class SignInSheetView(SessionRunByMixin, View):
    """A printable sign-in sheet (PDF) of everyone with a confirmed place."""

    def get(self, request, pk):
        session = self._session(request, pk)
        pdf = render_pdf(
            "courses/sign_in_sheet.html",
            {
                "session": session,
                "bookings": selectors.register_for_session(session=session),
                "start": timezone.localtime(session.start),
                "end": timezone.localtime(session.end),
            },
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="sign-in-sheet-{session.pk}.pdf"'
        )
        return response
