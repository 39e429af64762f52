"""Make sure the site has its root, home page and Site record (a migration normally does this).

Used by seed_demo and by tests whose database was emptied between transactional tests.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

HOME_TITLE = "Safeguarding adults: training together"


def site_ensure() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        # The locale Wagtail's own migration creates: the content language for LANGUAGE_CODE
        # ("en-gb"), which is what Locale.get_default() looks up.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name="West Midlands Safeguarding Adults Partnership",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home
