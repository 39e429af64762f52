"""Staff of the agencies, their competency records, cached compliance and moves between agencies."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from competencies.models.framework import Competency, RoleProfile
from competencies.models.partnership import Agency, Area, TimeStampedModel


class StaffMemberQuerySet(models.QuerySet):
    def active(self, on=None):
        from competencies.policy import staff_active_q  # the policy reads these models

        return self.filter(staff_active_q(on))


class StaffMember(index.Indexed, TimeStampedModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="staff")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("work email"), max_length=254)
    employee_ref = models.CharField(_("employee reference"), max_length=50, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    role_profile = models.ForeignKey(
        RoleProfile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    areas = models.ManyToManyField(Area, blank=True, related_name="staff")
    line_manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # Set when the person's personal data was erased (UK GDPR): competencies.privacy.
    anonymised_at = models.DateTimeField(
        _("anonymised at"), null=True, blank=True, editable=False
    )

    objects = StaffMemberQuerySet.as_manager()

    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("last_name"),
        index.SearchField("email"),
        index.SearchField("employee_ref"),
        index.FilterField("agency"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("staff member")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="staff_unique_email"),
            models.UniqueConstraint(
                fields=["agency", "employee_ref"],
                condition=~Q(employee_ref=""),
                name="staff_unique_ref_in_agency",
            ),
        ]
        indexes = [
            # Covers the compliance dashboard's grouping (agency, role profile) and its
            # "still working here" filter, so 100,000 staff are summed from the index alone.
            models.Index(
                fields=["agency", "role_profile", "left_on"],
                name="staff_agency_profile_left",
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_active(self) -> bool:
        from competencies.policy import staff_is_active

        return staff_is_active(self)

    def clean(self):
        self.email = (self.email or "").strip().lower()


class CompetencyRecord(TimeStampedModel):
    """Evidence that a staff member holds a competency at a level, until it expires."""

    # High-volume evidence rows: no need for Wagtail's "usage" index, which costs a write per save.
    wagtail_reference_index_ignore = True

    class Source(models.TextChoices):
        SESSION = "session", _("Session attendance")
        ASSESSMENT = "assessment", _("Assessment")
        IMPORT = "import", _("Imported historic record")
        CREDENTIAL = "credential", _("Credential from another issuer")
        ELEARNING = "elearning", _("E-learning completion")

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="records"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="records"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    achieved_on = models.DateField(_("achieved on"))
    expires_on = models.DateField(_("expires on"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_detail = models.CharField(_("source detail"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason revoked"), max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-achieved_on"]
        verbose_name = _("competency record")
        indexes = [
            # Compliance asks "the latest expiry among valid records at or above a level".
            models.Index(
                fields=["staff", "competency", "level", "expires_on"],
                condition=Q(revoked_at__isnull=True),
                name="record_valid_lookup",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("achieved_on")),
                name="record_expires_after_achieved",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="record_level_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.staff} – {self.competency.code} L{self.level}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class StaffCompliance(models.Model):
    """One person's requirement counts by status as at a date: a cache for partnership reports.

    Kept in step with records, staff and requirements by competencies.signals (and explicit
    refreshes after bulk writes); compliance.compliance_summary checks it is current for the
    date asked and recomputes stale rows before it trusts them. The compliance rule in
    competencies.policy stays the definition.
    """

    # A derived cache.
    wagtail_reference_index_ignore = True

    staff = models.OneToOneField(
        StaffMember,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="compliance_cache",
    )
    as_of = models.DateField(db_index=True)
    met = models.PositiveIntegerField(default=0)
    expiring = models.PositiveIntegerField(default=0)
    expired = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("staff compliance (cached)")

    def __str__(self):
        return f"{self.staff_id} as at {self.as_of}"


class StaffMove(models.Model):
    """A person moving to another agency of the partnership, keeping their records.

    Asked for by the new agency's coordinator, who knows the person's work email at the old
    agency; approved by the person themself, a coordinator of the agency they leave, or an
    administrator. On approval the same staff record changes agency, so every valid
    competency record counts at once in the new agency.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="moves"
    )
    from_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="moves_out"
    )
    to_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="moves_in"
    )
    new_email = models.EmailField(_("work email at the new agency"))
    new_job_title = models.CharField(
        _("job title at the new agency"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("move to another agency")
        constraints = [
            models.UniqueConstraint(
                fields=["staff"],
                condition=models.Q(status="pending"),
                name="staffmove_one_pending_per_person",
            )
        ]

    def __str__(self):
        return (
            f"{self.staff}: {self.from_agency.short_name} → {self.to_agency.short_name}"
        )
