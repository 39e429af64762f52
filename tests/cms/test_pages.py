"""Public CMS pages: what they show, one h1 each, and a constant number of queries."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail import hooks
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.models import ModuleResource, NewsIndexPage, NewsPage
from tests.factories import (
    RoleProfileFactory,
    framework_create,
    framework_page_create,
    module_page_create,
)

pytestmark = pytest.mark.django_db

# Measured: Wagtail's routing and site lookup take most of these; the page's own data is a
# fixed handful of queries (see cms/selectors.py). The same bound holds at both sizes.
FRAMEWORK_QUERIES = 13
# Counted with a cold cache (each test starts with an empty one): Wagtail reads its site root
# paths once per process, which a warm server skips.
MODULE_QUERIES = 17  # includes the upcoming sessions of the courses hook
LISTING_QUERIES = 14  # includes the upcoming sessions of the courses hook


def build(home, toolkit, *, size):
    """A framework of `size` competencies, a framework page, and a module delivering all of
    them, for `size` audience profiles and `size // 4` resources."""
    framework, competencies = framework_create(competencies=size)
    framework_page_create(home=home, framework=framework)
    module = module_page_create(
        toolkit=toolkit,
        slug=f"module-{size}",
        competencies=[(c, 2) for c in competencies],
        publish=False,
    )
    module.audience = [RoleProfileFactory(framework=framework) for _ in range(size)]
    module.resources = [
        ModuleResource(document=document(f"Handout {i}")) for i in range(size // 4)
    ]
    module.save_revision().publish()
    return framework, module


def document(title):
    doc = Document(title=title)
    doc.file.save(f"{title}.txt", ContentFile(b"handout"), save=False)
    doc.save()
    return doc


@pytest.mark.parametrize("size", [8, 40])
def test_framework_page_queries_do_not_grow_with_the_framework(
    client, home_page, toolkit, size, django_assert_max_num_queries
):
    build(home_page, toolkit, size=size)
    with django_assert_max_num_queries(FRAMEWORK_QUERIES):
        response = client.get("/framework/")
    assert response.status_code == 200
    assert response.content.decode().count("Modules that deliver it") == size
    with django_assert_max_num_queries(FRAMEWORK_QUERIES):
        assert client.get("/framework/", {"level": "2"}).status_code == 200


@pytest.mark.parametrize("size", [8, 40])
def test_module_page_queries_do_not_grow_with_the_framework(
    client, home_page, toolkit, size, django_assert_max_num_queries
):
    _framework, module = build(home_page, toolkit, size=size)
    with django_assert_max_num_queries(MODULE_QUERIES):
        response = client.get(module.url)
    assert response.status_code == 200
    assert response.content.decode().count("Indicator at level 2 for") == size
    assert len(response.context["resources"]) == size // 4


@pytest.mark.parametrize("size", [1, 6])
def test_home_and_toolkit_queries_do_not_grow_with_content(
    client, home_page, toolkit, size, django_assert_max_num_queries
):
    news = home_page.add_child(instance=NewsIndexPage(title="News", slug="news"))
    for i in range(size):
        news.add_child(
            instance=NewsPage(
                title=f"Item {i}",
                slug=f"item-{i}",
                date=datetime.date(2025, 1, i + 1),
                summary="s",
            )
        )
        module_page_create(toolkit=toolkit, slug=f"m-{i}")
    with django_assert_max_num_queries(LISTING_QUERIES):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(LISTING_QUERIES):
        assert client.get("/toolkit/").status_code == 200


def test_framework_page_by_level_answers_what_a_level_2_worker_must_know(
    client, home_page, sa63, sa23, framework, toolkit
):
    framework_page_create(home=home_page, framework=framework)
    module_page_create(
        toolkit=toolkit, title="Prevent awareness", competencies=[(sa63, 2)]
    )
    html = client.get("/framework/", {"level": "2"}).content.decode()
    assert html.count("<h1") == 1
    assert "What a level 2 (Practitioner) worker must know and do" in html
    assert "Applies notice, check, share." in html
    assert "Knows Prevent is part of safeguarding." not in html  # level 1 words
    assert "Prevent awareness" in html


def test_framework_page_lists_every_level_a_competency_is_assessed_at(
    client, home_page, sa23, framework
):
    framework_page_create(home=home_page, framework=framework)
    html = client.get("/framework/").content.decode()
    assert 'id="competency-sa2-3"' in html
    for words in (
        "Writes down what was seen and said.",
        "Keeps factual, timed and signed records.",
        "Audits the quality of team records.",
    ):
        assert words in html


@pytest.mark.parametrize("level", ["9", "two", "-1"])
def test_framework_page_rejects_a_bad_level_with_a_message(
    client, home_page, framework, sa23, level
):
    framework_page_create(home=home_page, framework=framework)
    response = client.get("/framework/", {"level": level})
    assert response.status_code == 200
    assert "Choose a level from 1 to 5." in response.content.decode()


def test_module_page_shows_facts_outcomes_competencies_and_blocks(
    client, home_page, toolkit, sa63, framework
):
    image = Image.objects.create(title="Poster", file=get_test_image_file())
    doc = document("Slides")
    module = module_page_create(
        toolkit=toolkit,
        title="Prevent awareness",
        competencies=[(sa63, 2)],
        learning_outcomes="Apply notice, check, share\nKnow how to get advice",
        body=[
            ("text", "<h2>Why</h2><p>Because.</p>"),
            (
                "callout",
                {"style": "warning", "heading": "Danger", "text": "<p>999</p>"},
            ),
            (
                "case_study",
                {
                    "title": "Mr A",
                    "scenario": "<p>Story</p>",
                    "questions": ["What next?"],
                    "facilitator_notes": "<p>Notes</p>",
                },
            ),
            (
                "person_voice",
                {"quote": "Ask me first.", "attribution": "An adult", "context": ""},
            ),
            (
                "activity",
                {
                    "title": "Spot it",
                    "minutes": 15,
                    "grouping": "pairs",
                    "instructions": "<p>Do it</p>",
                    "outcome": "",
                },
            ),
            ("document", {"document": doc, "title": "", "description": "For trainers"}),
            (
                "image",
                {"image": image, "alt_text": "A poster of abuse types", "caption": ""},
            ),
        ],
    )
    html = client.get(module.url).content.decode()
    assert html.count("<h1") == 1
    assert "Level 2 training module" in html
    assert "1.25" not in html and "3.5 hours" in html
    assert "<li>Know how to get advice</li>" in html
    assert "SA6.3 Radicalisation (Prevent)" in html
    assert "Applies notice, check, share." in html
    for words in ("govuk-warning-text", "Mr A", "Ask me first.", "In pairs", "Slides"):
        assert words in html
    assert 'alt="A poster of abuse types"' in html


def test_cms_pages_show_upcoming_sessions_from_the_hook(client, home_page, toolkit):
    class Session:
        start = datetime.datetime(2030, 5, 1, 9, 30)

        def __str__(self):
            return "Joint session: recognising abuse"

        def get_absolute_url(self):
            return "/sessions/1/"

    def add_sessions(page, request):
        return {"upcoming_sessions": [Session()]}

    module = module_page_create(toolkit=toolkit)
    with hooks.register_temporarily("cms_page_context", add_sessions):
        for url in ("/", module.url):
            html = client.get(url).content.decode()
            assert 'href="/sessions/1/">Joint session: recognising abuse</a>' in html
