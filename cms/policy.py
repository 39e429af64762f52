"""The cms app's rule: what a visitor may read.

A page is readable when it is published (live) and not behind Wagtail's privacy settings
(public). Moderation decides what becomes live (Wagtail's workflow, set up in cms.services);
every list of pages shown on the site goes through `published`.
"""

from django.db.models import QuerySet


def published(pages: QuerySet) -> QuerySet:
    return pages.live().public()
