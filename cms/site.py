"""Make sure the site has its root, home page and Site record (a migration normally does this).

Used by seed_demo and by tests whose database was emptied between transactional tests.
"""

from wagtail.models import Locale, Page, Site

from cms.models import HomePage

HOME_TITLE = "Safeguarding adults: training together"


def site_ensure() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code="en")
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
