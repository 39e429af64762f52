"""The competency framework: levels, domains, competencies, role profiles and their requirements."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

LEVEL_NUMBERS = range(1, 6)


class Framework(RevisionMixin, ClusterableModel):
    """A competency framework, edited as a whole (levels, domains, competencies) with revisions."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=20)
    description = models.TextField(_("description"), blank=True)
    # A stable identifier for standard formats (CASE sourcedId, Open Badges alignments): it
    # never changes when the code or wording does, and an imported item keeps its source's.
    sourced_id = models.UUIDField(
        _("identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    # CASE lastChangeDateTime: when this row last changed.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
    # A stable identifier for standard formats (CASE sourcedId, Open Badges alignments): it
    # never changes when the code or wording does, and an imported item keeps its source's.
    sourced_id = models.UUIDField(
        _("identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    # CASE lastChangeDateTime: when this row last changed.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
    # A stable identifier for standard formats (CASE sourcedId, Open Badges alignments): it
    # never changes when the code or wording does, and an imported item keeps its source's.
    sourced_id = models.UUIDField(
        _("identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    # CASE lastChangeDateTime: when this row last changed.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
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
