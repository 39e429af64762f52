"""Published frameworks: which frameworks the public CASE provider API serves
(docs/standards.md)."""

from django.db.models import QuerySet

from competencies.models import Framework


def frameworks_published() -> QuerySet[Framework]:
    """Published: a live page open to everyone presents the framework (a cms FrameworkPage).

    That is what the site already shows the public, so the CASE provider API serves exactly
    those frameworks and nothing else: a draft framework, or one only on a private or
    unpublished page, is unknown there (404). The pages are found through Wagtail's own
    `live().public()`, by the reverse relation, so this app imports nothing from cms.
    """
    from wagtail.models import Page

    return Framework.objects.filter(
        pages__in=Page.objects.live().public().values("pk")
    ).distinct()


def framework_is_published(framework: Framework) -> bool:
    return frameworks_published().filter(pk=framework.pk).exists()
