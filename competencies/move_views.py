"""/agency/moves/: ask for a person to join your agency with their records; approve or refuse
moves out of it (or your own move)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from competencies import moves, policy
from competencies.exceptions import CompetencyError
from competencies.models import Agency, StaffMove


class MoveRequestForm(forms.Form):
    old_email = forms.EmailField(
        label=gettext_lazy("Their work email at the agency they are leaving"),
        error_messages={"required": gettext_lazy("Enter their current work email.")},
    )
    new_email = forms.EmailField(
        label=gettext_lazy("Their work email with you"),
        error_messages={"required": gettext_lazy("Enter their new work email.")},
    )
    new_job_title = forms.CharField(
        label=gettext_lazy("Job title with you"), required=False, max_length=200
    )


def _coordinated_agency(user) -> Agency | None:
    agency_id = policy.coordinated_agency_id(user)
    return Agency.objects.filter(pk=agency_id).first() if agency_id else None


class AgencyMovesView(LoginRequiredMixin, View):
    template_name = "competencies/agency_moves.html"

    def _render(self, request, form):
        agency = _coordinated_agency(request.user)
        listed = list(moves.moves_visible_to(request.user)[:100])
        for move in listed:
            move.decidable = (
                move.status == StaffMove.Status.PENDING
                and moves.can_decide(request.user, move)
            )
        return render(
            request,
            self.template_name,
            {"agency": agency, "form": form, "moves": listed},
        )

    def get(self, request):
        agency = _coordinated_agency(request.user)
        return self._render(request, MoveRequestForm() if agency else None)

    def post(self, request):
        agency = _coordinated_agency(request.user)
        if agency is None:
            raise Http404
        form = MoveRequestForm(request.POST)
        if not form.is_valid():
            return self._render(request, form)
        try:
            moves.move_request(
                old_email=form.cleaned_data["old_email"],
                to_agency=agency,
                new_email=form.cleaned_data["new_email"],
                new_job_title=form.cleaned_data["new_job_title"],
                by=request.user,
            )
        except CompetencyError as error:
            form.add_error(None, str(error))
            return self._render(request, form)
        # The same words and page whether or not the email was found: the form finds nobody.
        messages.success(
            request,
            _(
                "If someone at another partnership agency has that work email, they and their "
                "coordinator have been asked to approve the move. It is listed below once "
                "approved."
            ),
        )
        return redirect("agency_moves")


class MoveDecisionView(LoginRequiredMixin, View):
    def post(self, request, pk, decision):
        move = moves.moves_visible_to(request.user).filter(pk=pk).first()
        if move is None or decision not in ("approve", "refuse"):
            raise Http404
        action = moves.move_approve if decision == "approve" else moves.move_refuse
        try:
            action(move=move, by=request.user)
        except CompetencyError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Move approved: %(name)s's records now count for %(agency)s.")
                % {"name": move.staff.full_name, "agency": move.to_agency.name}
                if decision == "approve"
                else _("Move refused."),
            )
        return redirect("agency_moves")
