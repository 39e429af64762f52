"""The partnership, its agencies and staff, and the competency framework they are measured by."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

LEVEL_NUMBERS = range(1, 6)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Area(models.Model):
    """A local authority area, the unit boards and reports are organised by."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    ons_code = models.CharField(_("ONS code"), max_length=9, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")

    def __str__(self):
        return self.name


class Board(models.Model):
    class Kind(models.TextChoices):
        ADULTS = "adults", _("Adults")
        CHILDREN = "children", _("Children")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="boards")
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.ADULTS
    )
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="chaired_boards"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("board")

    def __str__(self):
        return self.name


class Agency(index.Indexed, models.Model):
    class Sector(models.TextChoices):
        POLICE = "police", _("Police")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        HEALTH = "health", _("Health")
        PROBATION = "probation", _("Probation")
        FIRE = "fire", _("Fire")
        VOLUNTARY = "voluntary", _("Voluntary")
        EDUCATION = "education", _("Education")
        HOUSING = "housing", _("Housing")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    areas = models.ManyToManyField(
        Area, related_name="agencies", verbose_name=_("areas served")
    )
    email_domains = models.CharField(
        _("email domains"),
        max_length=500,
        blank=True,
        help_text=_(
            "Comma-separated work email domains, e.g. wmp.example, police.example"
        ),
    )
    requires_manager_approval = models.BooleanField(
        _("bookings need line-manager approval"), default=False
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name

    @property
    def domain_list(self) -> list[str]:
        return [d.strip().lower() for d in self.email_domains.split(",") if d.strip()]

    def owns_email(self, email: str) -> bool:
        return email.rsplit("@", 1)[-1].lower() in self.domain_list


class Framework(RevisionMixin, ClusterableModel):
    """A competency framework, edited as a whole (levels, domains, competencies) with revisions."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=20)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("version")]),
        FieldPanel("description"),
        InlinePanel("levels", heading=_("Levels"), label=_("Level")),
        InlinePanel("domains", heading=_("Domains"), label=_("Domain")),
        InlinePanel("competencies", heading=_("Competencies"), label=_("Competency")),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"], name="framework_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"


class Level(Orderable):
    framework = ParentalKey(Framework, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("who it is for"), blank=True)
    minimum_hours = models.DecimalField(
        _("minimum learning hours per refresh period"),
        max_digits=5,
        decimal_places=2,
        default=0,
    )
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh period (months)"), default=36
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("name")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("minimum_hours"), FieldPanel("refresh_months")]),
    ]

    class Meta(Orderable.Meta):
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="level_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=5), name="level_number_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Level {self.number}: {self.name}"


class Domain(Orderable):
    framework = ParentalKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=200)

    panels = [FieldRowPanel([FieldPanel("code"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="domain_unique_code"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Competency(index.Indexed, Orderable):
    """One competency, with what it looks like at each level it is assessed at (blank = not)."""

    framework = ParentalKey(
        Framework, on_delete=models.CASCADE, related_name="competencies"
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="competencies"
    )
    code = models.CharField(_("code"), max_length=12, help_text=_("e.g. SA2.3"))
    title = models.CharField(_("title"), max_length=200)
    statement = models.TextField(_("statement"), blank=True)
    indicator_1 = models.TextField(_("level 1 indicator"), blank=True)
    indicator_2 = models.TextField(_("level 2 indicator"), blank=True)
    indicator_3 = models.TextField(_("level 3 indicator"), blank=True)
    indicator_4 = models.TextField(_("level 4 indicator"), blank=True)
    indicator_5 = models.TextField(_("level 5 indicator"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("domain"), FieldPanel("title")]),
        FieldPanel("statement"),
        MultiFieldPanel(
            [FieldPanel(f"indicator_{n}") for n in LEVEL_NUMBERS],
            heading=_(
                "What it looks like at each level (leave blank where not assessed)"
            ),
        ),
    ]

    search_fields = [
        index.SearchField("code", boost=5),
        index.AutocompleteField("code"),
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("statement"),
        index.SearchField("indicator_1"),
        index.SearchField("indicator_2"),
        index.SearchField("indicator_3"),
        index.SearchField("indicator_4"),
        index.SearchField("indicator_5"),
        index.FilterField("framework"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="competency_unique_code"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def indicator(self, level: int) -> str:
        return getattr(self, f"indicator_{level}", "") or ""

    @property
    def levels_assessed(self) -> list[int]:
        return [n for n in LEVEL_NUMBERS if self.indicator(n)]

    def clean(self):
        if (
            self.domain_id
            and self.framework_id
            and self.domain.framework_id != self.framework_id
        ):
            raise ValidationError({"domain": _("Choose a domain of this framework.")})


class RoleProfile(ClusterableModel):
    """A staff group (e.g. 'Police officer'), and what its members must hold."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="role_profiles"
    )
    level = models.PositiveSmallIntegerField(
        _("typical level"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        default=1,
    )
    description = models.TextField(_("example job titles"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("role profile")

    def __str__(self):
        return f"{self.code} {self.name}"


class Requirement(Orderable):
    role_profile = ParentalKey(
        RoleProfile, on_delete=models.CASCADE, related_name="requirements"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="requirements"
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    panels = [FieldRowPanel([FieldPanel("competency"), FieldPanel("min_level")])]

    class Meta(Orderable.Meta):
        ordering = ["competency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["role_profile", "competency"],
                name="requirement_unique_competency",
            )
        ]

    def __str__(self):
        return f"{self.competency.code} at level {self.min_level}"


class StaffMemberQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on))


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
        return self.left_on is None or self.left_on > timezone.localdate()

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
        from django.core.exceptions import ValidationError

        if (
            self.competency_id
            and self.maps_to_id
            and self.competency.framework_id == self.maps_to.framework_id
        ):
            raise ValidationError(
                {"maps_to": _("Map to a competency of another framework.")}
            )
