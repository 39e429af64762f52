"""Safeguarding adults reviews (SARs, DARDRs) and their recommendations, linked to training."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.base import TimeStampedModel


class Review(TimeStampedModel):
    """A Safeguarding Adults Review or a Domestic Abuse Related Death Review whose
    recommendations the partnership answers with training."""

    class Kind(models.TextChoices):
        SAR = "sar", _("Safeguarding Adults Review (SAR)")
        DARDR = "dardr", _("Domestic Abuse Related Death Review (DARDR, formerly DHR)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(
        _("title"), max_length=200, help_text=_('As published, e.g. "SAR Adult B".')
    )
    board = models.ForeignKey(
        "competencies.Board",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("board or partnership that commissioned it"),
    )
    published_on = models.DateField(_("published"))
    link = models.URLField(_("link to the published review"), blank=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("review")

    def __str__(self):
        return f"{self.title} ({self.published_on:%B %Y})"


class Recommendation(TimeStampedModel):
    """One recommendation of a review about training, linked to what answers it."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.CharField(_("number"), max_length=10, help_text=_("e.g. 3 or 4b"))
    text = models.TextField(_("recommendation"))
    made_on = models.DateField(
        _("counting training from"),
        help_text=_("Usually the date the review was published."),
    )
    agencies = models.ManyToManyField(
        "competencies.Agency",
        related_name="recommendations",
        verbose_name=_("agencies it names"),
    )
    modules = models.ManyToManyField(
        "cms.ModulePage",
        blank=True,
        related_name="recommendations",
        verbose_name=_("modules that answer it"),
    )
    competencies = models.ManyToManyField(
        "competencies.Competency",
        blank=True,
        related_name="recommendations",
        verbose_name=_("competencies that answer it"),
    )

    class Meta:
        ordering = ["review", "number"]
        verbose_name = _("review recommendation")

    def __str__(self):
        return f"{self.review.title}, recommendation {self.number}"
