"""Stored board papers: queue one from the dashboard, watch its progress, download it.

/reports/papers/ lists the user's papers (POST: queue a new one under the dashboard's
filters, then go to its page); /reports/papers/<id>/ shows its progress, refreshing itself
(static/js/board_paper.js polls /reports/papers/<id>/status.json; without script, a
<noscript> meta refresh), and the download link once it is ready.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from courses import policy
from courses.models import BoardPaper
from courses.reports.scope import report_scope_for
from courses.services import board_papers as services

LIST_LENGTH = 50


def paper_for(request, pk) -> BoardPaper:
    """The paper, if the user may open it: 403 without a report role (today), 404 if it is
    not theirs or their scope no longer covers it."""
    scope = report_scope_for(request.user)  # PermissionDenied without a report role
    paper = get_object_or_404(policy.board_papers_visible_to(request.user), pk=pk)
    if not policy.may_open_board_paper(request.user, paper, scope):
        raise Http404("No such paper.")
    return paper


class PaperListView(LoginRequiredMixin, TemplateView):
    template_name = "courses/reports/papers.html"

    def get_context_data(self, **kwargs):
        scope = report_scope_for(self.request.user)
        papers = [
            paper
            for paper in policy.board_papers_visible_to(self.request.user)
            .filter(requested_by=self.request.user)
            .order_by("-created_at", "-pk")[:LIST_LENGTH]
            if policy.board_paper_within_scope(paper, scope)
        ]
        return {
            **super().get_context_data(**kwargs),
            "scope": scope,
            "papers": papers,
            "may_subscribe": policy.may_subscribe_to_board_papers(scope),
        }

    def post(self, request):
        scope = report_scope_for(request.user)
        paper = services.board_paper_request(
            user=request.user, scope=scope, querystring=request.GET.urlencode()
        )
        return redirect("report_paper", pk=paper.pk)


class PaperDetailView(LoginRequiredMixin, TemplateView):
    template_name = "courses/reports/paper.html"

    def get_context_data(self, **kwargs):
        paper = paper_for(self.request, kwargs["pk"])
        return {
            **super().get_context_data(**kwargs),
            "paper": paper,
            "status_url": reverse("report_paper_status", args=[paper.pk]),
        }


class PaperStatusView(LoginRequiredMixin, View):
    """The paper's progress as JSON, for the page's script."""

    def get(self, request, pk):
        paper = paper_for(request, pk)
        response = JsonResponse(
            {
                "status": paper.status,
                "status_label": paper.get_status_display(),
                "steps_done": paper.steps_done,
                "steps_total": paper.steps_total,
                "percent": paper.percent,
                "finished": paper.finished,
                "download_url": reverse("report_paper_download", args=[paper.pk])
                if paper.status == BoardPaper.Status.DONE
                else None,
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class PaperDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        paper = paper_for(request, pk)
        if paper.status != BoardPaper.Status.DONE or not paper.file:
            raise Http404("This paper is not ready.")
        services.board_paper_downloaded(paper=paper, user=request.user)
        response = FileResponse(
            paper.file.open("rb"),
            as_attachment=True,
            filename=paper.filename,
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response
