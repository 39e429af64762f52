"""The partnership: areas, their adults boards and the agencies that work in them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


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


class ComplianceTarget(TimeStampedModel):
    """A board's target for the share of its staff fully compliant (docs/compliance.md, Targets).

    Board-wide when sector and role level are blank; a row for one sector, one role level or
    both sets a different target for that part of the figures.
    """

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="targets", verbose_name=_("board")
    )
    sector = models.CharField(
        _("sector"),
        max_length=20,
        choices=Agency.Sector.choices,
        blank=True,
        help_text=_("Leave blank for every sector."),
    )
    role_level = models.PositiveSmallIntegerField(
        _("role level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("The role profiles' level (1–5). Leave blank for every level."),
    )
    percent = models.PositiveSmallIntegerField(
        _("target (% of staff fully compliant)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["board__name", "sector", "role_level"]
        verbose_name = _("compliance target")
        constraints = [
            models.UniqueConstraint(
                fields=["board", "sector", "role_level"],
                condition=models.Q(role_level__isnull=False),
                name="target_unique_board_sector_level",
            ),
            models.UniqueConstraint(
                fields=["board", "sector"],
                condition=models.Q(role_level__isnull=True),
                name="target_unique_board_sector",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__gte=1, percent__lte=100),
                name="target_percent_range",
            ),
        ]

    def __str__(self):
        parts = [self.get_sector_display() if self.sector else _("every sector")]
        if self.role_level:
            parts.append(_("level %(n)s") % {"n": self.role_level})
        return f"{self.board}: {self.percent}% ({', '.join(str(p) for p in parts)})"
