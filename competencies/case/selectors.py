"""What the CASE provider API reads: published frameworks only (policy.frameworks_published),
each request in a fixed number of queries whatever the framework's size."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from competencies import policy
from competencies.case import serialize
from competencies.case import vocabulary as v
from competencies.models import (
    Competency,
    CompetencyEquivalence,
    Domain,
    Framework,
    Level,
)


@dataclass
class LoadedFramework:
    framework: Framework
    levels: list = field(default_factory=list)
    domains: list = field(default_factory=list)
    competencies: list = field(default_factory=list)
    crosswalk: list = field(default_factory=list)


def crosswalk_served() -> QuerySet[CompetencyEquivalence]:
    """Crosswalk entries with both ends in published frameworks: the API never names an item of
    a framework it does not serve."""
    published = policy.frameworks_published().values("pk")
    return CompetencyEquivalence.objects.filter(
        competency__framework__in=published, maps_to__framework__in=published
    )


def _documents() -> QuerySet[Framework]:
    return policy.frameworks_published().prefetch_related(
        Prefetch("levels", queryset=Level.objects.order_by("number"))
    )


def case_documents() -> list[Framework]:
    """Every published framework, its levels prefetched in order."""
    return list(_documents().order_by("name", "version"))


def case_document(*, sourced_id: uuid.UUID) -> Framework | None:
    return _documents().filter(sourced_id=sourced_id).first()


def framework_load(framework: Framework) -> LoadedFramework:
    """A framework with its levels, domains, competencies and served crosswalk (5 queries)."""
    return LoadedFramework(
        framework=framework,
        levels=list(framework.levels.order_by("number")),
        domains=list(framework.domains.order_by("sort_order", "code")),
        competencies=list(framework.competencies.order_by("sort_order", "code")),
        crosswalk=list(
            crosswalk_served()
            .filter(competency__framework=framework)
            .select_related("competency", "maps_to")
            .order_by("competency__sort_order", "competency__code", "maps_to__code")
        ),
    )


def case_package(*, sourced_id: uuid.UUID) -> LoadedFramework | None:
    framework = policy.frameworks_published().filter(sourced_id=sourced_id).first()
    return framework_load(framework) if framework else None


def case_item(*, sourced_id: uuid.UUID):
    """(the domain or competency, its framework), or None when it is not published."""
    published = policy.frameworks_published().values("pk")
    for model in (Competency, Domain):
        obj = (
            model.objects.filter(sourced_id=sourced_id, framework__in=published)
            .select_related("framework")
            .first()
        )
        if obj is not None:
            return obj, obj.framework
    return None


def case_association(*, sourced_id: uuid.UUID):
    """(the CFAssociation as JSON, its framework), or None.

    A crosswalk entry is found by its stored identifier. An isChildOf association's identifier
    is derived from its two ends, so it is found by deriving those of the published frameworks
    (three queries, whatever their size; the work in Python grows with them).
    """
    entry = (
        crosswalk_served()
        .filter(sourced_id=sourced_id)
        .select_related("competency__framework", "maps_to")
        .first()
    )
    if entry is not None:
        return serialize.crosswalk_json(entry), entry.competency.framework
    frameworks = {f.pk: f for f in policy.frameworks_published()}
    position: dict[int, int] = {}
    for d in Domain.objects.filter(framework__in=list(frameworks)).order_by(
        "framework_id", "sort_order", "code"
    ):
        framework = frameworks[d.framework_id]
        position[framework.pk] = position.get(framework.pk, 0) + 1
        if (
            v.hierarchy_association_id(child=d.sourced_id, parent=framework.sourced_id)
            == sourced_id
        ):
            link = serialize.document_link(framework)
            data = serialize.child_of_json(
                child=d, parent_link=link, sequence=position[framework.pk]
            )
            return data, framework
    position = {}
    for c in (
        Competency.objects.filter(framework__in=list(frameworks))
        .select_related("domain")
        .order_by("domain_id", "sort_order", "code")
    ):
        position[c.domain_id] = position.get(c.domain_id, 0) + 1
        if (
            v.hierarchy_association_id(child=c.sourced_id, parent=c.domain.sourced_id)
            == sourced_id
        ):
            data = serialize.child_of_json(
                child=c,
                parent_link=serialize.item_link(c.domain),
                sequence=position[c.domain_id],
            )
            return data, frameworks[c.framework_id]
    return None
