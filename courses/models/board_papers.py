"""Stored board papers and the subscriptions that send one each month or quarter."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.base import TimeStampedModel


def private_storage():
    """Files no URL serves (settings.STORAGES["private"]): a view that checks who asks
    reads them. A callable, so a deployment can point the alias at object storage."""
    return storages["private"]


def board_paper_path(paper, filename: str) -> str:
    # Not the download name (that is `filename`): nothing guessable, nothing personal.
    return f"board-papers/{uuid.uuid4().hex}.pdf"


class BoardPaperSubscription(TimeStampedModel):
    """A chair's (or administrator's) standing order for the board paper by email."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly (the previous calendar month)")
        QUARTERLY = "quarterly", _("Quarterly (the previous calendar quarter)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="board_paper_subscriptions",
        verbose_name=_("subscriber"),
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices
    )
    # The dashboard's filters as a querystring, minus the dates: the period fixes those.
    filters = models.TextField(_("filters"), blank=True)
    filters_description = models.TextField(_("filters in words"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("board paper subscription")

    def __str__(self):
        return f"{self.get_frequency_display()} board paper for {self.user}"


class BoardPaper(TimeStampedModel):
    """One rendering of the board paper: asked for on the dashboard, or due on a
    subscription (then one per subscription and period: the record that it was sent)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="board_papers",
        verbose_name=_("requested by"),
    )
    subscription = models.ForeignKey(
        BoardPaperSubscription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="papers",
    )
    # The scope it was drawn for (courses.reports.scope.ReportScope), kept so the task
    # renders exactly that and a download can be checked against the user's scope today.
    scope_kind = models.CharField(_("scope"), max_length=20)
    scope_label = models.CharField(_("scope label"), max_length=300)
    area_ids = models.JSONField(_("areas"), null=True, blank=True)
    agency_id = models.IntegerField(_("agency"), null=True, blank=True)
    board_names = models.JSONField(_("boards"), default=list, blank=True)
    filters = models.TextField(_("filters"), blank=True)  # a querystring
    period_label = models.CharField(_("period"), max_length=20, blank=True)
    filename = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    steps_total = models.PositiveSmallIntegerField(_("steps"), default=0)
    file = models.FileField(
        _("PDF"), storage=private_storage, upload_to=board_paper_path, blank=True
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("board paper")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period_label"],
                condition=models.Q(subscription__isnull=False),
                name="board_paper_once_per_subscription_period",
            )
        ]

    def __str__(self):
        return self.filename

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return self.steps_done * 100 // self.steps_total if self.steps_total else 0
