"""A signed-in person's request to their agency to link their account to a staff record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from competencies.models.partnership import Agency, TimeStampedModel
from competencies.models.staff import StaffMember


class LinkRequest(TimeStampedModel):
    """Someone registered with an email no staff record has: they ask an agency's training
    coordinator to link them to their record, or to create one."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the coordinator")
        APPROVED = "approved", _("Linked")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="link_requests",
        verbose_name=_("account"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="link_requests",
        verbose_name=_("agency"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("why declined"), blank=True)
    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff record linked"),
    )

    class Meta:
        verbose_name = _("account link request")
        ordering = ["created_at", "pk"]
        constraints = [
            # One open request at a time: asking twice does not ask two coordinators.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="link_request_one_pending",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="link_request_declined_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name} → {self.agency}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
