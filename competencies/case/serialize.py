"""Our framework as CASE 1.1 JSON: one function per CASE object, taking rows already loaded.

A Framework is a CFDocument; a Domain a CFItem of type "Domain" (isChildOf the document); a
Competency a CFItem of type "Competency" (isChildOf its domain); a crosswalk entry an
exactMatchOf (equivalent) or isRelatedTo (partial) CFAssociation from our competency to the
other framework's. What CASE has no field for travels in `extensions`, so our own package
imports back without loss (docs/standards.md).
"""

import datetime

from django.conf import settings

from competencies.case import vocabulary as v
from competencies.case_uris import association_uri, document_uri, item_uri
from competencies.models import LEVEL_NUMBERS


def timestamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="seconds")


def _hours(value) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def document_link(framework) -> dict:
    return {
        "title": framework.name,
        "identifier": str(framework.sourced_id),
        "uri": document_uri(framework),
    }


def item_link(obj) -> dict:
    return {
        "title": f"{obj.code} {obj.title}",
        "identifier": str(obj.sourced_id),
        "uri": item_uri(obj),
    }


def document_json(framework, *, levels=()) -> dict:
    data = {
        "identifier": str(framework.sourced_id),
        "uri": document_uri(framework),
        "creator": settings.WAGTAIL_SITE_NAME,
        "title": framework.name,
        "version": framework.version,
        "language": "en",
        "lastChangeDateTime": timestamp(framework.updated_at),
    }
    if framework.description:
        data["description"] = framework.description
    if levels:
        data["extensions"] = {
            v.EXT_LEVELS: [
                {
                    "number": level.number,
                    "name": level.name,
                    "description": level.description,
                    "minimumHours": _hours(level.minimum_hours),
                    "refreshMonths": level.refresh_months,
                }
                for level in levels
            ]
        }
    return data


def domain_json(domain) -> dict:
    return {
        "identifier": str(domain.sourced_id),
        "uri": item_uri(domain),
        "fullStatement": domain.title,
        "humanCodingScheme": domain.code,
        "CFItemType": v.ITEM_TYPE_DOMAIN,
        "language": "en",
        "lastChangeDateTime": timestamp(domain.updated_at),
    }


def competency_json(competency) -> dict:
    """fullStatement is the statement (the title when there is none); the title is the
    abbreviatedStatement. The levels it is assessed at are its educationLevel; what it looks
    like at each is in `notes` for people and in `extensions` for a lossless import."""
    data = {
        "identifier": str(competency.sourced_id),
        "uri": item_uri(competency),
        "fullStatement": competency.statement or competency.title,
        "abbreviatedStatement": competency.title,
        "humanCodingScheme": competency.code,
        "CFItemType": v.ITEM_TYPE_COMPETENCY,
        "language": "en",
        "lastChangeDateTime": timestamp(competency.updated_at),
    }
    indicators = {
        str(n): competency.indicator(n)
        for n in LEVEL_NUMBERS
        if competency.indicator(n)
    }
    if indicators:
        data["educationLevel"] = list(indicators)
        data["notes"] = "\n\n".join(
            f"Level {n}: {text}" for n, text in indicators.items()
        )
        data["extensions"] = {v.EXT_INDICATORS: indicators}
    return data


def child_of_json(*, child, parent_link: dict, sequence: int) -> dict:
    identifier = v.hierarchy_association_id(
        child=child.sourced_id, parent=parent_link["identifier"]
    )
    return {
        "identifier": str(identifier),
        "uri": association_uri(identifier),
        "associationType": v.IS_CHILD_OF,
        "sequenceNumber": sequence,
        "originNodeURI": item_link(child),
        "destinationNodeURI": parent_link,
        "lastChangeDateTime": timestamp(child.updated_at),
    }


def crosswalk_json(entry) -> dict:
    """`entry` with competency and maps_to loaded."""
    data = {
        "identifier": str(entry.sourced_id),
        "uri": association_uri(entry.sourced_id),
        "associationType": v.KIND_TO_TYPE[entry.kind],
        "originNodeURI": item_link(entry.competency),
        "destinationNodeURI": item_link(entry.maps_to),
        "lastChangeDateTime": timestamp(entry.updated_at),
    }
    if entry.note:
        data["notes"] = entry.note
    return data


def hierarchy_json(loaded) -> list[dict]:
    """The isChildOf associations of a loaded framework, in the framework's order."""
    document = document_link(loaded.framework)
    domains = {d.pk: d for d in loaded.domains}
    out = [
        child_of_json(child=d, parent_link=document, sequence=n)
        for n, d in enumerate(loaded.domains, start=1)
    ]
    positions: dict[int, int] = {}
    for c in loaded.competencies:
        positions[c.domain_id] = positions.get(c.domain_id, 0) + 1
        out.append(
            child_of_json(
                child=c,
                parent_link=item_link(domains[c.domain_id]),
                sequence=positions[c.domain_id],
            )
        )
    return out


def package_json(loaded) -> dict:
    """The whole framework as one CFPackage."""
    return {
        "CFDocument": document_json(loaded.framework, levels=loaded.levels),
        "CFItems": [domain_json(d) for d in loaded.domains]
        + [competency_json(c) for c in loaded.competencies],
        "CFAssociations": hierarchy_json(loaded)
        + [crosswalk_json(e) for e in loaded.crosswalk],
    }


def with_document(data: dict, framework) -> dict:
    """A CFItem or CFAssociation served on its own names its CFDocument."""
    return {**data, "CFDocumentURI": document_link(framework)}
