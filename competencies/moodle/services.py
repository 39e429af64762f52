"""Writing a checked Moodle framework CSV as a new framework (and its crosswalk links)."""

from django.db import transaction
from wagtail.log_actions import log

from competencies.compliance_cache import compliance_deferred
from competencies.imports.base import ImportResult
from competencies.imports.files import Table
from competencies.models import Framework
from competencies.moodle.reader import moodle_plan


def moodle_framework_import(
    *,
    table: Table,
    user=None,
    dry_run: bool = False,
    name: str = "",
    version: str = "",
    filename: str = "",
) -> tuple[ImportResult, Framework | None]:
    """Create a new framework from Moodle's competency framework CSV, all or nothing.

    Validates the whole file first (reader.moodle_plan: errors by row and column, what is
    not carried in `result.skipped`); writes nothing if there is an error or `dry_run`.
    Otherwise, in one transaction: the framework with its levels, domains and competencies,
    its first revision, the partial crosswalk links, and an audit-log entry
    `competencies.framework.import` (format "moodle"). The version is `version`, else "1";
    a name and version already held is refused.
    """
    result, plan = moodle_plan(table=table, name=name, version=version)
    if plan is None or dry_run:
        return result, None
    with transaction.atomic(), compliance_deferred():
        framework = plan.framework
        framework.levels = plan.levels
        framework.domains = plan.domains
        framework.save()
        domains = {d.code: d for d in framework.domains.all()}
        for competency, domain_code in plan.competencies:
            competency.domain = domains[domain_code]
        framework.competencies = [c for c, _code in plan.competencies]
        framework.save()
        framework.save_revision(user=user, log_action=False)
        ours = {c.code: c for c in framework.competencies.all()}
        for entry, code, other in plan.crosswalk:
            entry.competency = ours[code]
            entry.maps_to = other
            entry.full_clean()
            entry.save()
        log(
            instance=framework,
            action="competencies.framework.import",
            user=user,
            data={
                "file": filename,
                "format": "moodle",
                "competencies": len(plan.competencies),
                "crosswalk": len(plan.crosswalk),
                "skipped": len(result.skipped),
            },
        )
    result.written = True
    return result, framework
