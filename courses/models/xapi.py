"""E-learning completions over xAPI 1.0.3 (docs/xapi.md): the platforms allowed to send
statements, and every statement they sent, kept as received with what it became here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.base import TimeStampedModel


class XapiClient(TimeStampedModel):
    """An e-learning platform sending statements to /xapi/statements with HTTP Basic: its key
    is the user name, its secret the password. Only a hash of the secret is kept."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    secret_hash = models.CharField(max_length=128, editable=False)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to refuse its statements (401); what it sent stays."),
    )
    note = models.TextField(_("note"), blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("xAPI client")
        verbose_name_plural = _("xAPI clients")

    def __str__(self):
        return self.name


class XapiStatement(models.Model):
    """One statement, as the client sent it (`raw`, with its id), and its outcome here."""

    class Outcome(models.TextChoices):
        RECORDED = "recorded", _("Competency records written")
        NOTHING_DELIVERED = "nothing", _("The module delivers no competencies")
        NOT_COMPLETION = "not_completion", _("Not a completion")
        UNKNOWN_PERSON = "unknown_person", _("No staff member has this email")
        UNKNOWN_ACTIVITY = "unknown_activity", _("No module has this activity IRI")
        VOIDING = "voiding", _("Voids another statement")

    id = models.UUIDField(primary_key=True)
    client = models.ForeignKey(
        XapiClient,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("client"),
    )
    raw = models.JSONField(_("statement"))
    verb = models.CharField(_("verb"), max_length=500)
    actor_mbox = models.CharField(_("actor email"), max_length=320, blank=True)
    object_id = models.CharField(_("object id"), max_length=2000)
    timestamp = models.DateTimeField(_("timestamp"))
    stored = models.DateTimeField(_("stored"), db_index=True)
    # The statement a voiding statement voids (it may arrive before its target).
    voids = models.UUIDField(_("voids"), null=True, blank=True, db_index=True)
    voided = models.BooleanField(_("voided"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    staff = models.ForeignKey(
        "competencies.StaffMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="xapi_statements",
    )
    module = models.ForeignKey(
        "cms.ModulePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="xapi_statements",
    )
    records = models.ManyToManyField(
        "competencies.CompetencyRecord", related_name="+", blank=True
    )

    class Meta:
        ordering = ["-stored"]
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")

    def __str__(self):
        return str(self.id)
