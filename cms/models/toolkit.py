"""The training toolkit: modules (what they deliver, their resources) and resource pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import ModuleStreamBlock
from cms.models.common import (
    LEVEL_CHOICES,
    LEVEL_VALIDATORS,
    run_page_context_hooks,
)


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
        _("level"), choices=LEVEL_CHOICES, validators=LEVEL_VALIDATORS
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
    # Unique: a completion reported for this IRI (xAPI, or a platform's CSV) must name one
    # module. NULL, not "", when blank, so that many modules can have none.
    elearning_activity_iri = models.URLField(
        _("e-learning activity IRI"),
        max_length=500,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "The activity id the e-learning platform reports completions of this module "
            "under (its xAPI object id), e.g. https://elearning.example.org/courses/sa-101. "
            "Completions of it write this module's competency records."
        ),
    )
    body = StreamField(
        ModuleStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The module's content: text, case studies, activities, media."),
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
                FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
                FieldPanel("requires_evaluation"),
                FieldPanel("elearning_activity_iri"),
            ],
            heading=_("Module details"),
        ),
        InlinePanel(
            "delivered_competencies",
            heading=_("Competencies delivered"),
            label=_("Competency"),
            help_text=_(
                "Choose each competency from the framework and the level this module "
                "delivers it at."
            ),
        ),
        FieldPanel("body"),
        InlinePanel(
            "resources",
            heading=_("Toolkit resources"),
            label=_("Resource"),
            help_text=_("Slides, handouts and posters from the document library."),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("learning_outcomes", boost=2),
        index.SearchField("body"),
        index.FilterField("level"),
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
    # A copy would claim the same activity and break its uniqueness.
    exclude_fields_in_copy = ["elearning_activity_iri"]

    class Meta:
        verbose_name = _("module page")

    def clean(self):
        super().clean()
        self.elearning_activity_iri = (
            self.elearning_activity_iri or ""
        ).strip() or None

    @property
    def outcomes(self) -> list[str]:
        return [
            line.strip() for line in self.learning_outcomes.splitlines() if line.strip()
        ]

    @property
    def duration_label(self) -> str:
        hours = float(self.duration_hours)
        return ngettext("%(h)s hour", "%(h)s hours", 1 if hours == 1 else 2) % {
            "h": f"{hours:g}"
        }

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.module_detail(module=self))
        return run_page_context_hooks(self, request, context)


class ModuleCompetency(Orderable):
    """A competency a module delivers, and the level it delivers it at."""

    module = ParentalKey(
        ModulePage, on_delete=models.CASCADE, related_name="delivered_competencies"
    )
    competency = models.ForeignKey(
        "competencies.Competency",
        on_delete=models.PROTECT,
        related_name="module_links",
        verbose_name=_("competency"),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=LEVEL_CHOICES, validators=LEVEL_VALIDATORS
    )

    panels = [FieldRowPanel([FieldPanel("competency"), FieldPanel("level")])]

    class Meta(Orderable.Meta):
        verbose_name = _("competency delivered")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "competency"], name="module_competency_unique"
            )
        ]

    def __str__(self):
        return f"{self.competency.code} at level {self.level}"

    def clean(self):
        """A module can only deliver a competency at a level the framework assesses it at."""
        if self.competency_id and self.level:
            assessed = self.competency.levels_assessed
            if self.level not in assessed:
                raise ValidationError(
                    {
                        "level": _(
                            "%(code)s is assessed at level %(levels)s only; choose one "
                            "of those."
                        )
                        % {
                            "code": self.competency.code,
                            "levels": ", ".join(str(n) for n in assessed) or "–",
                        }
                    }
                )


class ModuleResource(Orderable):
    """A toolkit resource (slides, handout, poster) collected on a module page."""

    module = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="resources")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    description = models.CharField(_("what it is for"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("toolkit resource")

    def __str__(self):
        return self.document.title


class ResourcePage(Page):
    """A toolkit resource page: guidance, posters or a facilitator pack with its documents."""

    summary = models.TextField(_("summary"))
    body = StreamField(ModuleStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.ToolkitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("toolkit resource page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = list(self.documents.select_related("document"))
        return context


class ResourceDocument(Orderable):
    """A document listed on a toolkit resource page."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    description = models.CharField(_("what it is for"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")

    def __str__(self):
        return self.document.title
