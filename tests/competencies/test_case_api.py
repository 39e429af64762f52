"""The CASE 1.1 provider API serves published frameworks, valid against 1EdTech's schema."""

import uuid

import pytest

from competencies.case import vocabulary as v
from competencies.case_uris import CASE_PATH, association_uri, document_uri, item_uri
from competencies.models import CompetencyEquivalence
from tests import factories as f
from tests.competencies.case_schema import errors, served_errors

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def published(*, competencies=4, slug="framework"):
    from cms.site import site_ensure

    framework, _competencies = f.framework_create(competencies=competencies)
    f.framework_page_create(home=site_ensure(), framework=framework, slug=slug)
    return framework


def get(client, path):
    return client.get(CASE_PATH + path)


def test_documents_lists_published_frameworks_only(client):
    framework = published()
    f.FrameworkFactory()  # no page: not published
    response = get(client, "/CFDocuments")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    documents = response.json()["CFDocuments"]
    assert [d["identifier"] for d in documents] == [str(framework.sourced_id)]
    assert errors(documents[0], "CFPckgDocument") == []
    assert documents[0]["uri"] == document_uri(framework)


def test_package_is_valid_against_the_case_schema(client):
    framework = published()
    domain = framework.domains.first()
    competency = domain.competencies.first()
    competency.code = "SA4.1"
    competency.save()
    response = get(client, f"/CFPackages/{framework.sourced_id}")
    assert response.status_code == 200
    package = response.json()
    assert errors(package) == []
    items = {i["identifier"]: i for i in package["CFItems"]}
    assert items[str(domain.sourced_id)]["CFItemType"] == "Domain"
    served = items[str(competency.sourced_id)]
    assert served["CFItemType"] == "Competency"
    assert served["humanCodingScheme"] == "SA4.1"
    assert served["uri"] == item_uri(competency)
    assert served["fullStatement"] == competency.statement or competency.title
    assert served["educationLevel"] == ["1", "2", "3"]
    assert served["extensions"][v.EXT_INDICATORS]["2"] == competency.indicator_2
    links = {
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    }
    assert (str(domain.sourced_id), str(framework.sourced_id)) in links
    assert (str(competency.sourced_id), str(domain.sourced_id)) in links
    assert len(links) == framework.domains.count() + framework.competencies.count()


def test_crosswalk_is_served_as_exact_match_and_related(client):
    ours, theirs = published(slug="ours"), published(slug="theirs")
    a, b = ours.competencies.all()[:2]
    x, y = theirs.competencies.all()[:2]
    exact = f.CompetencyEquivalenceFactory(competency=a, maps_to=x)
    f.CompetencyEquivalenceFactory(
        competency=b, maps_to=y, kind=CompetencyEquivalence.Kind.PARTIAL, note="some"
    )
    hidden = f.CompetencyEquivalenceFactory(competency=a, maps_to=f.CompetencyFactory())
    package = get(client, f"/CFPackages/{ours.sourced_id}").json()
    crosswalk = {
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]): a
        for a in package["CFAssociations"]
        if a["associationType"] != "isChildOf"
    }
    assert set(crosswalk) == {
        (str(a.sourced_id), str(x.sourced_id)),
        (str(b.sourced_id), str(y.sourced_id)),
    }
    assert crosswalk[(str(a.sourced_id), str(x.sourced_id))]["associationType"] == (
        "exactMatchOf"
    )
    related = crosswalk[(str(b.sourced_id), str(y.sourced_id))]
    assert (related["associationType"], related["notes"]) == ("isRelatedTo", "some")
    one = get(client, f"/CFAssociations/{exact.sourced_id}")
    assert one.status_code == 200
    assert served_errors(one.json()["CFAssociation"], "CFPckgAssociation") == []
    assert one.json()["CFAssociation"]["uri"] == association_uri(exact.sourced_id)
    # An entry whose other end is in an unpublished framework is not served.
    assert get(client, f"/CFAssociations/{hidden.sourced_id}").status_code == 404


def test_every_served_object_resolves_on_its_own(client):
    framework = published(competencies=2)
    package = get(client, f"/CFPackages/{framework.sourced_id}").json()
    document = get(client, f"/CFDocuments/{framework.sourced_id}").json()["CFDocument"]
    assert document == package["CFDocument"]
    for item in package["CFItems"]:
        served = get(client, f"/CFItems/{item['identifier']}").json()["CFItem"]
        assert served_errors(served, "CFPckgItem") == []
        assert {k: val for k, val in served.items() if k != "CFDocumentURI"} == item
    for association in package["CFAssociations"]:
        response = get(client, f"/CFAssociations/{association['identifier']}")
        served = response.json()["CFAssociation"]
        assert served_errors(served, "CFPckgAssociation") == []
        assert {k: val for k, val in served.items() if k != "CFDocumentURI"} == (
            association
        )


def test_badge_alignment_uri_resolves_to_the_item(client):
    """Open Badges alignments use case_uris.item_uri: it must be this API's CFItem."""
    framework = published(competencies=1)
    competency = framework.competencies.get()
    path = item_uri(competency).removeprefix(SITE)
    assert client.get(path).json()["CFItem"]["identifier"] == str(competency.sourced_id)


@pytest.mark.parametrize(
    "path",
    ["CFDocuments", "CFPackages", "CFItems", "CFAssociations"],
)
def test_unknown_or_unpublished_is_404_with_status_info(client, path):
    hidden = f.FrameworkFactory()
    competency = f.CompetencyFactory(framework=hidden, domain__framework=hidden)
    for identifier in (uuid.uuid4(), hidden.sourced_id, competency.sourced_id, "x"):
        response = get(client, f"/{path}/{identifier}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        body = response.json()
        assert (body["imsx_codeMajor"], body["imsx_severity"]) == ("failure", "error")
        field = body["imsx_codeMinor"]["imsx_codeMinorField"][0]
        assert field["imsx_codeMinorFieldValue"] == "unknownobject"


def test_a_private_page_does_not_publish(client):
    from wagtail.models import PageViewRestriction

    framework = published()
    page = framework.pages.get()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert get(client, f"/CFDocuments/{framework.sourced_id}").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_is_allowed(client, method):
    framework = published(competencies=1)
    response = getattr(client, method)(f"{CASE_PATH}/CFPackages/{framework.sourced_id}")
    assert response.status_code == 405
    assert response.json()["imsx_codeMajor"] == "failure"
    assert response["Allow"] == "GET, HEAD"


def test_head_and_cross_origin_reads_are_allowed(client):
    framework = published(competencies=1)
    response = client.head(f"{CASE_PATH}/CFPackages/{framework.sourced_id}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def _paths(client, framework, entry):
    last = framework.competencies.order_by("code").last()
    package = get(client, f"/CFPackages/{framework.sourced_id}").json()
    child_of = next(
        a["identifier"]
        for a in package["CFAssociations"]
        if a["originNodeURI"]["identifier"] == str(last.sourced_id)
        and a["associationType"] == "isChildOf"
    )
    return {
        "documents": "/CFDocuments",
        "document": f"/CFDocuments/{framework.sourced_id}",
        "package": f"/CFPackages/{framework.sourced_id}",
        "item": f"/CFItems/{last.sourced_id}",
        "hierarchy": f"/CFAssociations/{child_of}",
        "crosswalk": f"/CFAssociations/{entry.sourced_id}",
    }


def test_queries_do_not_grow_with_the_framework(client, django_assert_max_num_queries):
    """Each request's queries, for a framework of 4 competencies and then of 60 (with a
    crosswalk entry each): the same number, and at most 8."""
    counts = {}
    theirs = published(competencies=60, slug="theirs")
    for size in (4, 60):
        ours = published(competencies=size, slug=f"ours-{size}")
        pairs = zip(ours.competencies.all(), theirs.competencies.all(), strict=False)
        entries = [
            f.CompetencyEquivalenceFactory(competency=c, maps_to=other)
            for c, other in pairs
        ]
        for name, path in _paths(client, ours, entries[-1]).items():
            with django_assert_max_num_queries(8) as captured:
                assert get(client, path).status_code == 200
            counts.setdefault(name, []).append(len(captured))
    assert all(small == large for small, large in counts.values()), counts


def test_published_rule_list_and_one_object_agree():
    from competencies import policy

    shown, hidden = published(competencies=1), f.FrameworkFactory()
    draft = f.FrameworkFactory()
    page = f.framework_page_create(
        home=shown.pages.get().get_parent(), framework=draft, slug="draft"
    )
    page.unpublish()
    assert list(policy.frameworks_published()) == [shown]
    assert [policy.framework_is_published(fw) for fw in (shown, hidden, draft)] == [
        True,
        False,
        False,
    ]
