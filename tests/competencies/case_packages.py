"""CASE packages as another provider might write them, for the import tests."""

import uuid

from tests.competencies.case_schema import errors

SITE = "http://testserver"


def ids():
    return str(uuid.uuid4())


def link(identifier, title="x"):
    return {"title": title, "identifier": identifier, "uri": f"{SITE}/{identifier}"}


def package(*, held=None):
    """A CASE package as another provider might write it: a domain, two competencies (one
    untyped), a 'Cluster' item we cannot hold, an isPeerOf, and (with `held`, a competency we
    hold) an exactMatchOf into our crosswalk."""
    doc, dom, c1, c2, cluster = ids(), ids(), ids(), ids(), ids()
    stamp = "2026-01-01T00:00:00+00:00"
    data = {
        "CFDocument": {
            "identifier": doc,
            "uri": f"{SITE}/d",
            "creator": "Another partnership",
            "title": "Their framework",
            "version": "2",
            "lastChangeDateTime": stamp,
        },
        "CFItems": [
            {
                "identifier": dom,
                "uri": f"{SITE}/i",
                "fullStatement": "Recognising abuse",
                "humanCodingScheme": "SA4",
                "CFItemType": "Domain",
                "lastChangeDateTime": stamp,
            },
            {
                "identifier": c1,
                "uri": f"{SITE}/i",
                "fullStatement": "Recognise the signs of financial abuse and act on them.",
                "abbreviatedStatement": "Financial abuse",
                "humanCodingScheme": "SA4.1",
                "CFItemType": "Competency",
                "lastChangeDateTime": stamp,
            },
            {
                "identifier": c2,
                "uri": f"{SITE}/i",
                "fullStatement": "Self-neglect",
                "humanCodingScheme": "SA4.2",
                "lastChangeDateTime": stamp,
            },
            {
                "identifier": cluster,
                "uri": f"{SITE}/i",
                "fullStatement": "A cluster",
                "humanCodingScheme": "K1",
                "CFItemType": "Cluster",
                "lastChangeDateTime": stamp,
            },
        ],
        "CFAssociations": [
            _assoc("isChildOf", dom, doc),
            _assoc("isChildOf", c1, dom),
            _assoc("isChildOf", c2, dom),
            _assoc("isPeerOf", c1, c2),
        ],
    }
    if held is not None:
        data["CFAssociations"].append(_assoc("exactMatchOf", c1, str(held.sourced_id)))
    assert errors(data) == []
    return data


def _assoc(kind, origin, destination):
    return {
        "identifier": ids(),
        "uri": f"{SITE}/a",
        "associationType": kind,
        "originNodeURI": link(origin),
        "destinationNodeURI": link(destination),
        "lastChangeDateTime": "2026-01-01T00:00:00+00:00",
    }
