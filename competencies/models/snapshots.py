"""Compliance as it stood at each month end, so boards see it over time (docs/compliance.md,
History)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from competencies.models.framework import RoleProfile
from competencies.models.partnership import Agency, Area


class ComplianceSnapshot(models.Model):
    """The compliance figures of one agency's staff of one role profile at a month end: within
    one area (a person working in several areas counts in each), or across the whole
    partnership (`area` empty, each person once). Summed, they give any scope's history."""

    month_end = models.DateField(_("month end"))
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    role_profile = models.ForeignKey(
        RoleProfile, on_delete=models.CASCADE, related_name="+"
    )
    people = models.PositiveIntegerField(default=0)
    people_compliant = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    expiring = models.PositiveIntegerField(default=0)
    expired = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)
    # Taken after the fact from the records (see docs/compliance.md, History), not on the day.
    rebuilt = models.BooleanField(default=False)
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("compliance snapshot")
        indexes = [models.Index(fields=["month_end", "area"])]
        constraints = [
            models.UniqueConstraint(
                fields=["month_end", "area", "agency", "role_profile"],
                condition=models.Q(area__isnull=False),
                name="snapshot_unique_area_row",
            ),
            models.UniqueConstraint(
                fields=["month_end", "agency", "role_profile"],
                condition=models.Q(area__isnull=True),
                name="snapshot_unique_partnership_row",
            ),
        ]

    def __str__(self):
        return (
            f"{self.month_end}: {self.agency_id}/{self.role_profile_id}/{self.area_id}"
        )
