"""The site's frame: the home page, the framework pages, the toolkit index and news."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models.common import LEVEL_CHOICES, level_from_request, run_page_context_hooks
from cms.policy import published


class HomePage(Page):
    """The partnership's front door: what it offers, upcoming joint sessions, news."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("what the partnership offers"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ul", "ol", "link"],
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.FrameworkPage", "cms.ToolkitIndexPage", "cms.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_sections(home=self))
        return run_page_context_hooks(self, request, context)


class FrameworkPage(Page):
    """Presents a competency framework: its levels, domains, and what each competency looks like
    at each level. `?level=2` answers "what must a level 2 worker know?"."""

    framework = models.ForeignKey(
        "competencies.Framework",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("framework"),
    )
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("framework"),
        FieldPanel("introduction"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("framework page")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        level, error = level_from_request(request)
        context.update(
            selectors.framework_outline(framework_id=self.framework_id, level=level)
        )
        context["level_error"] = error
        return context


class ToolkitIndexPage(Page):
    """The training toolkit: lists its modules (by level) and resource pages."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ModulePage", "cms.ResourcePage"]

    class Meta:
        verbose_name = _("toolkit index page")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        level, error = level_from_request(request)
        context["level"] = level
        context["level_error"] = error
        context["levels"] = [n for n, _label in LEVEL_CHOICES]
        context["modules"] = selectors.toolkit_modules(toolkit=self, level=level)
        context["resources"] = selectors.toolkit_resources(toolkit=self)
        return context


class NewsIndexPage(Page):
    """The partnership's news, newest first."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = published(NewsPage.objects.child_of(self)).order_by(
            "-date", "-pk"
        )
        return context


class NewsPage(Page):
    """A news item: a new module, a review's learning, a change in procedures."""

    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ul", "ol", "link"],
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
