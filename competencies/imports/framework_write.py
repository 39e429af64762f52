"""Writing a checked framework plan (from any format) as a new framework: the one save path of
the CASE and Moodle imports, so both keep the same order of writes and the same audit entry."""

from wagtail.log_actions import log

from competencies.imports.base import ImportResult
from competencies.models import Framework


def framework_tree_save(
    *, framework: Framework, levels, domains, competencies, domain_key: str, user=None
) -> Framework:
    """Save the framework with its levels and domains, then its competencies, each
    `(competency, key of its domain)` with the key read from the domain's `domain_key`
    attribute ("code" or "sourced_id"), and its first revision. Call inside a transaction."""
    framework.levels = levels
    framework.domains = domains
    framework.save()
    by_key = {getattr(d, domain_key): d for d in framework.domains.all()}
    for competency, key in competencies:
        competency.domain = by_key[key]
    framework.competencies = [c for c, _key in competencies]
    framework.save()
    framework.save_revision(user=user, log_action=False)
    return framework


def crosswalk_entries_save(entries) -> None:
    """Save `(entry, competency, maps_to)` crosswalk links, each checked first."""
    for entry, competency, maps_to in entries:
        entry.competency = competency
        entry.maps_to = maps_to
        entry.full_clean()
        entry.save()


def framework_import_log(
    *,
    framework: Framework,
    user,
    filename: str,
    fmt: str,
    result: ImportResult,
    **counts,
) -> None:
    """The audit entry of a framework import (`competencies.framework.import`)."""
    log(
        instance=framework,
        action="competencies.framework.import",
        user=user,
        data={
            "file": filename,
            "format": fmt,
            **counts,
            "skipped": len(result.skipped),
        },
    )
