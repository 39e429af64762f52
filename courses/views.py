"""Pages of the courses app: thin wrappers around courses.selectors and courses.services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cms.models import ModulePage
from competencies import views as competencies_views
from competencies.policy import coordinated_agency_id
from courses import policy, selectors, services
from courses.emails import approval_token_read
from courses.exceptions import BookingError
from courses.forms import (
    BookForm,
    EvaluationForm,
    FollowUpForm,
    RegisterForm,
    SessionFilterForm,
)
from courses.models import Booking, Session
from courses.policy import acting_for, may_approve, runs_session
from courses.services.evaluation import follow_up_due


def _with_error(form: forms.Form, error: BookingError | str) -> forms.Form:
    """Attach a service error to a form so the GOV.UK error summary shows it."""
    if not hasattr(form, "cleaned_data"):
        form.is_valid()
    form.add_error(None, str(error))
    return form


def _staff_of(user):
    return getattr(user, "staff_member", None) if user.is_authenticated else None


class SessionListView(TemplateView):
    """/sessions/: upcoming joint sessions with filters; the same queries at any size."""

    template_name = "courses/session_list.html"
    per_page = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SessionFilterForm(self.request.GET or None)
        if form.is_bound and form.is_valid():
            sessions = selectors.sessions_upcoming(**form.selector_kwargs())
        else:
            sessions = selectors.sessions_upcoming()
        page = Paginator(sessions, self.per_page).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form, page_obj=page, sessions=page.object_list, query=query.urlencode()
        )
        return context


class SessionDetailView(TemplateView):
    """/sessions/<id>/: what the session delivers, places left, and Book."""

    template_name = "courses/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            session = selectors.session_for_page(self.kwargs["pk"])
        except Session.DoesNotExist:
            raise Http404 from None
        user = self.request.user
        staff = _staff_of(user)
        agency_id = coordinated_agency_id(user) if user.is_authenticated else None
        my_booking = None
        if staff is not None:
            my_booking = (
                session.bookings.filter(staff=staff, status__in=Booking.ACTIVE)
                .annotate(position=selectors.waitlist_position())
                .first()
            )
        context.update(
            session=session,
            module=session.module,
            staff=staff,
            my_booking=my_booking,
            book_form=kwargs.get("book_form") or BookForm(),
            agency_form=kwargs.get("agency_form")
            or (BookForm(agency_id=agency_id) if agency_id else None),
            is_trainer=runs_session(user, session),
            bookable=policy.bookable(session),
        )
        return context


class BookView(LoginRequiredMixin, View):
    """POST /sessions/<id>/book/: book yourself, or (coordinator) someone of your agency."""

    def post(self, request, pk):
        session = get_object_or_404(Session, pk=pk)
        agency_id = coordinated_agency_id(request.user)
        on_behalf = "staff" in request.POST
        form = BookForm(request.POST, agency_id=agency_id if on_behalf else None)
        if on_behalf and agency_id is None:
            return self._error(
                request, session, form, on_behalf, _("You can only book yourself.")
            )
        if not form.is_valid():
            return self._error(request, session, form, on_behalf, None)
        staff = form.cleaned_data.get("staff") if on_behalf else _staff_of(request.user)
        if staff is None:
            return self._error(
                request,
                session,
                form,
                on_behalf,
                _(
                    "Your login is not linked to a staff record. Ask your training coordinator."
                ),
            )
        try:
            booking = services.booking_create(
                session=session, staff=staff, booked_by=request.user
            )
        except BookingError as error:
            return self._error(request, session, form, on_behalf, error)
        messages.success(request, _booking_message(booking))
        if on_behalf:
            return redirect(session.get_absolute_url())
        return redirect("courses:my_training")

    def _error(self, request, session, form, on_behalf, error):
        if error is not None:
            _with_error(form, error)
        view = SessionDetailView(request=request, kwargs={"pk": session.pk})
        key = "agency_form" if on_behalf else "book_form"
        context = view.get_context_data(pk=session.pk, **{key: form})
        return render(request, view.template_name, context, status=200)


def _booking_message(booking: Booking) -> str:
    return {
        Booking.Status.CONFIRMED: _("%(name)s has a place: confirmed."),
        Booking.Status.WAITLISTED: _(
            "The session has no place for %(name)s right now: on the waiting list."
        ),
        Booking.Status.PENDING_APPROVAL: _(
            "A place is held for %(name)s while their line manager approves it."
        ),
    }.get(booking.status, _("Booked.")) % {"name": booking.staff.full_name}


class _BookingActionView(LoginRequiredMixin, View):
    action = None
    success = ""

    def post(self, request, pk):
        booking = get_object_or_404(Booking.objects.select_related("staff"), pk=pk)
        try:
            acting_for(request.user, booking.staff)
        except BookingError:
            # Not yours to act on: it does not exist for you (an "other agency" message
            # would tell whose it is).
            raise Http404 from None
        try:
            self.action(booking=booking, by=request.user)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.success)
        next_url = request.POST.get("next")
        if next_url and next_url.startswith("/") and not next_url.startswith("//"):
            return redirect(next_url)
        return redirect("courses:my_training")


class CancelView(_BookingActionView):
    action = staticmethod(services.booking_cancel)
    success = _("The booking is cancelled.")


class AcceptOfferView(_BookingActionView):
    action = staticmethod(services.offer_accept)
    success = _("You have accepted the place: it is confirmed.")


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
            return self._render(request, session, _with_error(form, error))
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


class ApprovalsView(LoginRequiredMixin, TemplateView):
    """A line manager's (or coordinator's) bookings waiting for their approval."""

    template_name = "courses/approvals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bookings"] = selectors.approvals_for(user=self.request.user)
        return context


def _decide(request, booking, decision, user):
    action = {"approve": services.booking_approve, "refuse": services.booking_refuse}
    if decision not in action:
        raise Http404
    try:
        action[decision](booking=booking, by=user)
    except BookingError as error:
        messages.error(request, str(error))
        return False
    template = (
        _("Approved: %(name)s's booking.")
        if decision == "approve"
        else _("Refused: %(name)s's booking is cancelled.")
    )
    messages.success(request, template % {"name": booking.staff.full_name})
    return True


class ApprovalDecisionView(LoginRequiredMixin, View):
    def post(self, request, pk, decision):
        booking = get_object_or_404(Booking.objects.select_related("staff"), pk=pk)
        staff = booking.staff
        if staff.user_id != request.user.pk and not may_approve(request.user, staff):
            raise Http404  # only the person's approvers meet their bookings
        _decide(request, booking, decision, request.user)
        return redirect("courses:approvals")


class ApprovalLinkView(View):
    """The signed link emailed to an approver: shows the request; POST answers it.

    The link names the booking and the approver; it works without signing in (it went to the
    approver's work email) and expires after 14 days. GET never changes anything, so mail
    scanners that follow links cannot approve by accident.
    """

    template_name = "courses/approval_link.html"

    def _load(self, token):
        from django.contrib.auth import get_user_model

        try:
            data = approval_token_read(token)
            booking = Booking.objects.select_related(
                "session__module", "staff__agency"
            ).get(pk=data["b"])
            approver = get_user_model().objects.get(pk=data["u"], is_active=True)
        except (signing.BadSignature, KeyError, TypeError, Booking.DoesNotExist):
            return None, None
        except get_user_model().DoesNotExist:
            return None, None
        return booking, approver

    def get(self, request, token):
        booking, approver = self._load(token)
        return render(
            request,
            self.template_name,
            {
                "booking": booking,
                "approver": approver,
                "error": None if booking else str(BookingError("BAD_APPROVAL_LINK")),
            },
            status=200 if booking else 400,
        )

    def post(self, request, token):
        booking, approver = self._load(token)
        if booking is None:
            return self.get(request, token)
        _decide(request, booking, request.POST.get("decision", ""), approver)
        return redirect(reverse("courses:approval_link", args=[token]))


class _AttendeeBookingMixin(LoginRequiredMixin):
    def _booking(self, request, pk):
        booking = get_object_or_404(
            Booking.objects.select_related("session__module", "staff"), pk=pk
        )
        if booking.staff.user_id != request.user.pk:
            raise Http404
        return booking


class EvaluationView(_AttendeeBookingMixin, View):
    template_name = "courses/evaluation_form.html"

    def _form(self, booking, data=None):
        outcomes = booking.session.module.outcomes or [_("The module as a whole")]
        return EvaluationForm(data, outcomes=outcomes)

    def get(self, request, pk):
        booking = self._booking(request, pk)
        return render(
            request,
            self.template_name,
            {"booking": booking, "form": self._form(booking)},
        )

    def post(self, request, pk):
        booking = self._booking(request, pk)
        form = self._form(booking, request.POST)
        if form.is_valid():
            try:
                services.evaluation_create(
                    booking=booking,
                    by=request.user,
                    overall_rating=form.cleaned_data["overall_rating"],
                    confidence=form.confidence(),
                    do_differently=form.cleaned_data["do_differently"],
                )
            except BookingError as error:
                _with_error(form, error)
            else:
                messages.success(request, _("Thank you: your evaluation is sent."))
                return redirect("courses:my_training")
        return render(request, self.template_name, {"booking": booking, "form": form})


class FollowUpView(_AttendeeBookingMixin, View):
    template_name = "courses/follow_up_form.html"

    def get(self, request, pk):
        booking = self._booking(request, pk)
        return render(
            request,
            self.template_name,
            {
                "booking": booking,
                "form": FollowUpForm(),
                "due": follow_up_due(booking.session),
            },
        )

    def post(self, request, pk):
        booking = self._booking(request, pk)
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.follow_up_create(
                    booking=booking,
                    by=request.user,
                    practice_changed=form.cleaned_data["practice_changed"],
                    example=form.cleaned_data["example"],
                )
            except BookingError as error:
                _with_error(form, error)
            else:
                messages.success(request, _("Thank you: your follow-up is sent."))
                return redirect("courses:my_training")
        return render(
            request,
            self.template_name,
            {"booking": booking, "form": form, "due": follow_up_due(booking.session)},
        )


class SessionEvaluationsView(LoginRequiredMixin, TemplateView):
    """Evaluation results of one session, for its trainers."""

    template_name = "courses/session_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = get_object_or_404(
            policy.sessions_run_by(self.request.user).select_related("module"),
            pk=self.kwargs["pk"],
        )
        bookings = session.bookings.filter(status=Booking.Status.CONFIRMED)
        evaluations = (
            bookings.filter(evaluation__isnull=False)
            .select_related("evaluation", "follow_up")
            .order_by("pk")
        )
        context.update(
            session=session,
            summary=selectors.evaluation_summary(bookings=bookings),
            evaluations=[b.evaluation for b in evaluations],
            comments=[
                b.evaluation.do_differently
                for b in evaluations
                if b.evaluation.do_differently
            ],
        )
        return context


class ModuleEvaluationsView(LoginRequiredMixin, TemplateView):
    """Evaluation results of every completed session of a module, for trainers."""

    template_name = "courses/module_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not policy.may_see_module_results(self.request.user):
            raise PermissionDenied
        module = get_object_or_404(ModulePage, pk=self.kwargs["module_id"])
        bookings = Booking.objects.filter(
            session__module=module,
            session__status=Session.Status.COMPLETED,
            status=Booking.Status.CONFIRMED,
        )
        context.update(
            module=module,
            summary=selectors.evaluation_summary(bookings=bookings),
            sessions=selectors.evaluations_by_session(module_id=module.pk),
        )
        return context


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
