"""The crosswalk between frameworks."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from competencies.models.framework import Competency


class CompetencyEquivalence(models.Model):
    """The crosswalk: a competency of one framework mapped to one of another.

    Equivalent: a record of either counts for a requirement of the other, at its own level
    (shown as "recognised from ..."). Partial: shown to planners as an overlap, never counted.
    """

    class Kind(models.TextChoices):
        EQUIVALENT = "equivalent", _("Equivalent (counts for both)")
        PARTIAL = "partial", _("Partial overlap (does not count)")

    competency = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        related_name="crosswalk",
        verbose_name=_("competency"),
    )
    maps_to = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        related_name="crosswalk_from",
        verbose_name=_("maps to"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    # The CASE CFAssociation sourcedId (exactMatchOf / isRelatedTo): stable, and an imported
    # association keeps its source's.
    sourced_id = models.UUIDField(
        _("identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["competency__code", "maps_to__code"]
        verbose_name = _("crosswalk entry")
        verbose_name_plural = _("crosswalk")
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "maps_to"], name="crosswalk_one_entry_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(competency=models.F("maps_to")),
                name="crosswalk_not_to_itself",
            ),
        ]

    def __str__(self):
        return (
            f"{self.competency.code} ↔ {self.maps_to.code} ({self.get_kind_display()})"
        )

    def clean(self):

        if (
            self.competency_id
            and self.maps_to_id
            and self.competency.framework_id == self.maps_to.framework_id
        ):
            raise ValidationError(
                {"maps_to": _("Map to a competency of another framework.")}
            )
