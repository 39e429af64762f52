"""The register and sign-in sheet of a session, for the trainers who run it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from courses import policy, selectors, services
from courses.exceptions import BookingError
from courses.forms import (
    RegisterForm,
)
from courses.views.helpers import with_error


class RegisterView(LoginRequiredMixin, View):
    """The session's register for its trainers: mark attendance, then complete the session."""

    template_name = "courses/register.html"

    def _session(self, request, pk):
        # Somebody else's session does not exist for a trainer (404, not "forbidden").
        return get_object_or_404(
            policy.sessions_run_by(request.user).select_related("module"), pk=pk
        )

    def _render(self, request, session, form, summary=None):
        return render(
            request,
            self.template_name,
            {"session": session, "form": form, "summary": summary},
        )

    def get(self, request, pk):
        session = self._session(request, pk)
        bookings = selectors.register_for_session(session=session)
        return self._render(request, session, RegisterForm(bookings=bookings))

    def post(self, request, pk):
        session = self._session(request, pk)
        bookings = selectors.register_for_session(session=session)
        form = RegisterForm(request.POST, bookings=bookings)
        if not form.is_valid():
            return self._render(request, session, form)
        try:
            for booking, _field in form.rows():
                mark = form.cleaned_data.get(f"attendance_{booking.pk}")
                if mark and mark != booking.attendance:
                    services.attendance_mark(
                        booking=booking, attendance=mark, by=request.user
                    )
            if "complete" in request.POST:
                summary = services.session_complete(session=session, by=request.user)
                messages.success(
                    request,
                    _(
                        "Session completed: %(attended)d attended, %(no_shows)d no-shows, "
                        "%(added)d competency records written."
                    )
                    % summary,
                )
            else:
                messages.success(request, _("The register is saved."))
        except BookingError as error:
            session.refresh_from_db()
            form = RegisterForm(
                request.POST,
                bookings=selectors.register_for_session(session=session),
            )
            return self._render(request, session, with_error(form, error))
        return redirect("courses:register", pk=session.pk)


class SignInSheetView(RegisterView):
    """A printable sign-in sheet (PDF) of everyone with a confirmed place."""

    def get(self, request, pk):
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher

        session = self._session(request, pk)
        html = render_to_string(
            "courses/sign_in_sheet.html",
            {
                "session": session,
                "bookings": selectors.register_for_session(session=session),
                "start": timezone.localtime(session.start),
                "end": timezone.localtime(session.end),
            },
        )
        fetcher = URLFetcher(allowed_protocols={"file", "data"}, timeout=5)
        pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="sign-in-sheet-{session.pk}.pdf"'
        )
        return response

    def post(self, request, pk):
        raise Http404
