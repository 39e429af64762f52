"""The partnership: areas, their adults boards and the agencies that work in them."""

from django.conf import settings
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
