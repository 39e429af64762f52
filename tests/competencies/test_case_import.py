"""Importing a CASE 1.1 package: all or nothing, errors by JSON path, and both round trips."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competencies.case.document import read_json
from competencies.case.services import case_package_import
from competencies.case_uris import CASE_PATH
from competencies.imports import ImportFileError
from competencies.models import Competency, CompetencyEquivalence, Domain, Framework
from tests import factories as f
from tests.competencies.case_packages import package
from tests.competencies.case_schema import errors

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def publish(framework, slug):
    from cms.site import site_ensure

    f.framework_page_create(home=site_ensure(), framework=framework, slug=slug)
    return framework


def test_a_package_becomes_a_framework_and_lists_what_it_leaves_out():
    held = f.CompetencyFactory()
    data = package(held=held)
    result, framework = case_package_import(data=data)
    assert not result.errors, result.errors
    assert str(framework.sourced_id) == data["CFDocument"]["identifier"]
    assert (framework.name, framework.version) == ("Their framework", "2")
    domain = framework.domains.get()
    assert (domain.code, domain.title) == ("SA4", "Recognising abuse")
    first, second = framework.competencies.order_by("code")
    assert str(first.sourced_id) == data["CFItems"][1]["identifier"]
    assert (first.code, first.title, first.domain) == (
        "SA4.1",
        "Financial abuse",
        domain,
    )
    assert first.statement.startswith("Recognise the signs")
    assert (second.code, second.title, second.statement) == (
        "SA4.2",
        "Self-neglect",
        "",
    )
    entry = CompetencyEquivalence.objects.get()
    assert (entry.competency, entry.maps_to, entry.kind) == (first, held, "equivalent")
    assert str(entry.sourced_id) == data["CFAssociations"][4]["identifier"]
    assert len(result.skipped) == 2
    assert "$.CFItems[3]" in result.skipped[0] and "Cluster" in result.skipped[0]
    assert (
        "$.CFAssociations[3]" in result.skipped[1] and "isPeerOf" in result.skipped[1]
    )


def test_dry_run_writes_nothing():
    result, framework = case_package_import(data=package(), dry_run=True)
    assert framework is None and not result.errors and not result.written
    assert not Framework.objects.exists()


def test_errors_name_the_json_path_and_nothing_is_written():
    data = package()
    data["CFItems"][2]["humanCodingScheme"] = ""
    data["CFItems"][1]["identifier"] = "not-a-uuid"
    result, framework = case_package_import(data=data)
    assert framework is None
    paths = {e.column for e in result.errors}
    assert "$.CFItems[2].humanCodingScheme" in paths
    assert "$.CFItems[1].identifier" in paths
    assert "At $.CFItems[2].humanCodingScheme" in "\n".join(map(str, result.errors))
    assert not Framework.objects.exists() and not Competency.objects.exists()


def test_same_name_and_version_is_refused():
    f.FrameworkFactory(name="Their framework", version="2")
    result, framework = case_package_import(data=package())
    assert framework is None
    assert [e.column for e in result.errors] == ["$.CFDocument.version"]
    assert "already exists" in result.errors[0].message


def test_a_competency_outside_a_domain_is_an_error():
    data = package()
    data["CFAssociations"] = data["CFAssociations"][:1]  # only the domain's link
    result, _framework = case_package_import(data=data)
    assert {e.column for e in result.errors} >= {"$.CFItems[1]"}


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b'{"CFItems": []}', b"[1]", '{"CFDocument": {}}'.encode("utf-16")],
)
def test_unreadable_json_is_refused_with_a_message(content):
    with pytest.raises(ImportFileError):
        read_json(content)


def test_case_package_import_serve_gives_the_same_items_and_associations(client):
    theirs = publish(f.framework_create(competencies=1)[0], "theirs")
    held = theirs.competencies.get()
    data = package(held=held)
    result, framework = case_package_import(data=data)
    assert not result.errors
    publish(framework, "imported")
    served = client.get(f"{CASE_PATH}/CFPackages/{framework.sourced_id}").json()
    assert errors(served) == []
    keep = {"identifier", "humanCodingScheme", "fullStatement", "CFItemType"}
    expected_items = [
        {k: val for k, val in item.items() if k in keep} | {"CFItemType": kind}
        for item, kind in zip(
            data["CFItems"][:3], ["Domain", "Competency", "Competency"], strict=True
        )
    ]
    assert [{k: i[k] for k in keep} for i in served["CFItems"]] == expected_items
    assert served["CFItems"][1]["abbreviatedStatement"] == "Financial abuse"

    def edges(associations):
        return {
            (
                a["originNodeURI"]["identifier"],
                a["associationType"],
                a["destinationNodeURI"]["identifier"],
            )
            for a in associations
        }

    held_types = {"isChildOf", "exactMatchOf", "isRelatedTo"}
    sent = [a for a in data["CFAssociations"] if a["associationType"] in held_types]
    assert edges(served["CFAssociations"]) == edges(sent)
    crosswalk = [
        a for a in served["CFAssociations"] if a["associationType"] != "isChildOf"
    ]
    assert [a["identifier"] for a in crosswalk] == [
        data["CFAssociations"][4]["identifier"]
    ]


def _without_times(value):
    if isinstance(value, dict):
        return {
            k: _without_times(v) for k, v in value.items() if k != "lastChangeDateTime"
        }
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def test_serve_import_into_a_fresh_database_serve_is_the_same(client):
    from cms.models import FrameworkPage

    ours = publish(f.framework_create(competencies=9, levels=(1, 2, 3, 5))[0], "ours")
    theirs = publish(f.framework_create(competencies=3)[0], "theirs")
    ours.description = "Our framework"
    ours.save()
    for c, other, kind in zip(
        ours.competencies.order_by("code")[:3],
        theirs.competencies.order_by("code"),
        ["equivalent", "partial", "equivalent"],
        strict=True,
    ):
        f.CompetencyEquivalenceFactory(
            competency=c, maps_to=other, kind=kind, note=kind
        )
    before = {
        fw.pk: client.get(f"{CASE_PATH}/CFPackages/{fw.sourced_id}").json()
        for fw in (theirs, ours)
    }
    files = {pk: json.dumps(body).encode() for pk, body in before.items()}
    # A fresh database: nothing of either framework is left.
    CompetencyEquivalence.objects.all().delete()
    FrameworkPage.objects.all().delete()
    Competency.objects.all().delete()
    Domain.objects.all().delete()
    Framework.objects.all().delete()
    after = {}
    for pk, slug in ((theirs.pk, "theirs-2"), (ours.pk, "ours-2")):
        result, framework = case_package_import(data=read_json(files[pk]))
        assert not result.errors and not result.skipped, (result.errors, result.skipped)
        publish(framework, slug)
        after[pk] = client.get(f"{CASE_PATH}/CFPackages/{framework.sourced_id}").json()
    for pk in before:
        assert _without_times(after[pk]) == _without_times(before[pk])


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
KEYS = [
    "identifier",
    "CFItemType",
    "humanCodingScheme",
    "fullStatement",
    "abbreviatedStatement",
    "extensions",
    "associationType",
    "originNodeURI",
    "destinationNodeURI",
]


@settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.dictionaries(st.sampled_from(["CFItems", "CFAssociations"]), JSON, max_size=2),
    st.lists(st.tuples(st.integers(0, 3), st.sampled_from(KEYS), JSON), max_size=6),
    st.dictionaries(
        st.sampled_from(["identifier", "title", "version", "extensions"]), JSON
    ),
)
def test_any_json_gives_errors_never_an_exception(top, damage, document):
    """Whatever a file holds, the check answers with errors (or a plan), never a crash."""
    data = package()
    data.update(top)
    data["CFDocument"].update(document)
    for index, key, value in damage:
        for entries in (data.get("CFItems"), data.get("CFAssociations")):
            if isinstance(entries, list) and index < len(entries):
                if isinstance(entries[index], dict):
                    entries[index][key] = value
    result, framework = case_package_import(data=data, dry_run=True)
    assert framework is None
    assert isinstance(result.errors, list)
