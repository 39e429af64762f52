"""Open Badges credentials: which are withdrawn, which may be served, and where a credential's
aligned competencies count here (docs/credentials.md)."""

from django.db.models import Q

from competencies import policy as staff_policy
from courses.models import Certificate


def credential_withdrawn_q() -> Q:
    """Certificates whose credential's status-list bit is set: revoked, or the holder's data
    erased (it can no longer be verified)."""
    return Q(revoked_at__isnull=False) | Q(erased_at__isnull=False)


def credential_servable(certificate: Certificate) -> bool:
    """A credential is downloaded only while its holder's data exists: an erased holder's
    certificate has no credential to serve (404). A revoked one is still served, and says so
    through its status list."""
    return certificate.erased_at is None and certificate.status_list is not None


def credential_competency_targets(competencies) -> dict:
    """Where a credential's aligned competencies (found here by their CASE identifier) count:
    {aligned competency: [our competencies]}. Through the crosswalk's equivalent entries
    (either way) when it has any; else the competency itself when its framework is one our
    role profiles require; else nowhere (not mapped)."""
    from competencies.models import Competency, Requirement

    competencies = list(competencies)
    ids = [c.pk for c in competencies]
    pairs = staff_policy.equivalences().filter(
        Q(competency_id__in=ids) | Q(maps_to_id__in=ids)
    )
    linked: dict[int, set[int]] = {}
    for a, b in pairs.values_list("competency_id", "maps_to_id"):
        if a in ids:
            linked.setdefault(a, set()).add(b)
        if b in ids:
            linked.setdefault(b, set()).add(a)
    required = set(
        Requirement.objects.values_list("competency__framework_id", flat=True)
    )
    found = Competency.objects.in_bulk(
        {pk for group in linked.values() for pk in group}
    )
    targets = {}
    for competency in competencies:
        if competency.pk in linked:
            targets[competency] = sorted(
                (found[pk] for pk in linked[competency.pk]), key=lambda c: c.code
            )
        elif competency.framework_id in required:
            targets[competency] = [competency]
        else:
            targets[competency] = []
    return targets
