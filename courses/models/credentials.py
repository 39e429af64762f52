"""Credentials from elsewhere: the issuers the partnership trusts, and each credential that
became competency records here (so the same one is not taken twice)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.base import TimeStampedModel


class TrustedIssuer(TimeStampedModel):
    """An issuer (another partnership, or an agency's own) whose Open Badges credentials a
    coordinator may turn into competency records, once they verify."""

    did = models.CharField(
        _("issuer DID"),
        max_length=255,
        unique=True,
        help_text=_(
            "Its did:web identifier, e.g. did:web:training.other-partnership.org"
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    active = models.BooleanField(
        _("trusted"),
        default=True,
        help_text=_("Untick to stop accepting its credentials; past records stay."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("trusted issuer")
        verbose_name_plural = _("trusted issuers")

    def __str__(self):
        return self.name

    def clean(self):
        self.did = (self.did or "").strip()
        if not self.did.startswith("did:web:") or "#" in self.did or "/" in self.did:
            raise ValidationError(
                {
                    "did": _(
                        "Enter a did:web identifier, for example did:web:example.org."
                    )
                }
            )


class AcceptedCredential(models.Model):
    """One credential accepted for one person: what it became, and who accepted it."""

    staff = models.ForeignKey(
        "competencies.StaffMember",
        on_delete=models.CASCADE,
        related_name="accepted_credentials",
        verbose_name=_("staff member"),
    )
    credential_id = models.CharField(_("credential id"), max_length=255)
    issuer_did = models.CharField(_("issuer DID"), max_length=255)
    issuer_name = models.CharField(_("issuer"), max_length=200)
    achievement_name = models.CharField(_("achievement"), max_length=255)
    accepted_at = models.DateTimeField(_("accepted"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    records = models.ManyToManyField(
        "competencies.CompetencyRecord", related_name="+", blank=True
    )

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("accepted credential")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "issuer_did", "credential_id"],
                name="accepted_credential_once_per_person",
            )
        ]

    def __str__(self):
        return f"{self.achievement_name} ({self.issuer_name})"
