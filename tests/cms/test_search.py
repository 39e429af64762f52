"""Search finds a module by a competency code it delivers or a phrase of its learning outcomes."""

import pytest

from tests.factories import framework_page_create, module_page_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def modules(toolkit, sa63, sa23, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        prevent = module_page_create(
            toolkit=toolkit,
            title="Prevent awareness",
            slug="prevent-awareness",
            learning_outcomes="Apply notice, check, share to a concern about radicalisation",
            competencies=[(sa63, 2)],
        )
        recording = module_page_create(
            toolkit=toolkit,
            title="Good records",
            slug="good-records",
            learning_outcomes="Keep factual, timed and signed safeguarding records",
            competencies=[(sa23, 2)],
        )
        draft = module_page_create(
            toolkit=toolkit,
            title="Prevent draft",
            slug="prevent-draft",
            learning_outcomes="Apply notice, check, share in hospital settings",
            competencies=[(sa63, 3)],
            publish=False,
        )
    return {"prevent": prevent, "recording": recording, "draft": draft}


def module_titles(response):
    return [m.title for m in response.context["modules"]]


def test_competency_code_finds_the_module_that_delivers_it(client, modules):
    response = client.get("/search/", {"q": "SA6.3"})
    assert response.status_code == 200
    assert module_titles(response) == ["Prevent awareness"]
    assert [c.code for c in response.context["competencies"]] == ["SA6.3"]


def test_competency_code_is_case_insensitive(client, modules):
    assert module_titles(client.get("/search/", {"q": "sa2.3"})) == ["Good records"]


def test_learning_outcome_phrase_finds_the_module(client, modules):
    response = client.get("/search/", {"q": "factual, timed and signed"})
    assert module_titles(response) == ["Good records"]
    assert "Good records" in response.content.decode()


def test_unpublished_modules_are_not_found(client, modules):
    titles = module_titles(client.get("/search/", {"q": "notice check share"}))
    assert "Prevent draft" not in titles
    assert titles == ["Prevent awareness"]


def test_competencies_are_found_by_their_words_and_link_to_the_framework(
    client, modules, home_page, framework
):
    framework_page_create(home=home_page, framework=framework)
    response = client.get("/search/", {"q": "radicalisation"})
    html = response.content.decode()
    assert [c.code for c in response.context["competencies"]] == ["SA6.3"]
    assert 'href="/framework/#competency-sa6-3"' in html


def test_empty_search_asks_for_words(client, home_page):
    response = client.get("/search/", {"q": "  "})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_overlong_search_is_a_clear_error_not_a_crash(client, home_page):
    response = client.get("/search/", {"q": "x" * 500})
    assert response.status_code == 400
    assert "200 characters or fewer" in response.content.decode()


@pytest.mark.parametrize("q", ["\x00", "abuse\x00"])
def test_a_nul_character_in_the_query_is_not_a_500(client, q):
    """Found by hypothesis on PostgreSQL, whose text fields cannot hold NUL."""
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
