"""seed_toolkit publishes the twelve modules of the domain brief, mapped to their bundles."""

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowPage

from cms.models import FrameworkPage, ModulePage, NewsPage, ResourcePage
from demo.frameworks.adult_bundles import BUNDLES
from demo.toolkit.pages import MODULES

pytestmark = pytest.mark.django_db

SLUGS = [
    "adult-safeguarding-awareness",
    "recognising-and-raising-a-concern",
    "mental-capacity-act-and-dols-essentials",
    "prevent-awareness-and-referrals",
    "multi-agency-enquiries-and-roles",
    "msp-and-mental-capacity-in-practice",
    "domestic-abuse-dash-and-marac",
    "exploitation-and-modern-slavery",
    "self-neglect-and-hoarding",
    "prevent-workshop",
    "managing-enquiries-risk-and-supervision",
    "strategic-leadership-and-learning-from-reviews",
]


@pytest.fixture
def seeded(demo):
    """The demo partnership, seeded once for the module (tests/conftest.py `demo`); each test
    runs in its own transaction, rolled back."""


def test_seed_publishes_the_twelve_modules_with_the_agreed_slugs(seeded):
    modules = ModulePage.objects.live()
    assert sorted(modules.values_list("slug", flat=True)) == sorted(SLUGS)
    assert all(m.url == f"/toolkit/{m.slug}/" for m in modules)


def test_each_module_delivers_its_bundle_and_has_content(seeded):
    for spec in MODULES:
        module = ModulePage.objects.get(slug=spec["slug"])
        delivered = {
            link.competency.code: link.level
            for link in module.delivered_competencies.select_related("competency")
        }
        assert delivered == BUNDLES[spec["bundle"]], spec["number"]
        assert 3 <= len(module.outcomes) <= 5, spec["number"]
        assert module.summary and len(module.body) >= 2, spec["number"]
        assert module.audience.exists(), spec["number"]
        for link in module.delivered_competencies.all():
            assert link.level in link.competency.levels_assessed


def test_seed_publishes_framework_page_resources_news_and_moderation(seeded, client):
    assert FrameworkPage.objects.live().count() == 1
    assert ResourcePage.objects.live().count() == 2
    assert NewsPage.objects.live().count() == 3
    toolkit = ModulePage.objects.first().get_parent()
    assert WorkflowPage.objects.get(page=toolkit).workflow.name == "Toolkit moderation"
    for url in ["/", "/framework/", "/framework/?level=3", "/toolkit/", "/news/"]:
        assert client.get(url).status_code == 200, url
    for slug in SLUGS:
        assert client.get(f"/toolkit/{slug}/").status_code == 200, slug


def test_seed_toolkit_twice_changes_nothing(seeded):
    before = (
        ModulePage.objects.count(),
        list(ModulePage.objects.values_list("latest_revision_id", flat=True)),
    )
    call_command("seed_demo", force=True, verbosity=0)
    after = (
        ModulePage.objects.count(),
        list(ModulePage.objects.values_list("latest_revision_id", flat=True)),
    )
    assert before == after
