"""Wagtail pages: the partnership's home page, the training toolkit and its modules."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class HomePage(Page):
    """The partnership's front door: what it offers, upcoming joint sessions, news."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class ToolkitIndexPage(Page):
    """The training toolkit: lists the modules below it."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ModulePage"]

    class Meta:
        verbose_name = _("toolkit index page")


class ModulePage(Page):
    """A training module: what it teaches, to whom, and which competencies it delivers."""

    class DeliveryMode(models.TextChoices):
        FACE_TO_FACE = "face_to_face", _("Face to face")
        VIRTUAL = "virtual", _("Virtual classroom")
        E_LEARNING = "e_learning", _("E-learning")

    summary = models.TextField(_("summary"))
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        blank=True,
        help_text=_("One learning outcome per line."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=2
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DeliveryMode.choices
    )
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh period (months)"),
        null=True,
        blank=True,
        help_text=_("Leave blank to use the refresh period of the module's level."),
    )
    audience = ParentalManyToManyField(
        "competencies.RoleProfile",
        blank=True,
        related_name="modules",
        verbose_name=_("audience"),
    )
    requires_evaluation = models.BooleanField(
        _("certificate released only after the evaluation form"), default=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("duration_hours")]),
                FieldRowPanel(
                    [FieldPanel("delivery_mode"), FieldPanel("refresh_months")]
                ),
                FieldPanel("audience"),
                FieldPanel("requires_evaluation"),
            ],
            heading=_("Module details"),
        ),
        InlinePanel(
            "delivered_competencies",
            heading=_("Competencies delivered"),
            label=_("Competency"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.RelatedFields(
            "delivered_competencies",
            [
                index.RelatedFields(
                    "competency",
                    [index.SearchField("code"), index.SearchField("title")],
                )
            ],
        ),
    ]

    parent_page_types = ["cms.ToolkitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module page")

    @property
    def outcomes(self) -> list[str]:
        return [
            line.strip() for line in self.learning_outcomes.splitlines() if line.strip()
        ]


class ModuleCompetency(Orderable):
    """A competency a module delivers, and the level it delivers it at."""

    module = ParentalKey(
        ModulePage, on_delete=models.CASCADE, related_name="delivered_competencies"
    )
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="module_links"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    panels = [FieldRowPanel([FieldPanel("competency"), FieldPanel("level")])]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["module", "competency"], name="module_competency_unique"
            )
        ]

    def __str__(self):
        return f"{self.competency.code} at level {self.level}"
