"""Writing a checked CASE package as a new framework (and its crosswalk links)."""

from django.db import transaction

from competencies.case.reader import case_plan
from competencies.compliance_cache import compliance_deferred
from competencies.imports.base import ImportResult
from competencies.imports.framework_write import (
    crosswalk_entries_save,
    framework_import_log,
    framework_tree_save,
)
from competencies.models import Competency, Framework


def case_package_import(
    *,
    data: dict,
    user=None,
    dry_run: bool = False,
    name: str = "",
    version: str = "",
    filename: str = "",
) -> tuple[ImportResult, Framework | None]:
    """Create a new framework from a CASE package (parsed JSON), all or nothing.

    Validates the whole package first (reader.case_plan: errors by JSON path, what is left out
    in `result.skipped`); writes nothing if there is an error or `dry_run`. Otherwise, in one
    transaction: the framework with its levels, domains and competencies (identifiers kept),
    its first revision, the crosswalk links, and an audit-log entry
    `competencies.framework.import`. Refuses a name and version, or an identifier, already held.
    """
    result, plan = case_plan(data=data, name=name, version=version)
    if plan is None or dry_run:
        return result, None
    with transaction.atomic(), compliance_deferred():
        framework = framework_tree_save(
            framework=plan.framework,
            levels=plan.levels,
            domains=plan.domains,
            competencies=plan.competencies,
            domain_key="sourced_id",
            user=user,
        )
        ends = {e for _entry, *pair in plan.crosswalk for e in pair}
        competencies = {
            c.sourced_id: c for c in Competency.objects.filter(sourced_id__in=ends)
        }
        crosswalk_entries_save(
            (entry, competencies[origin], competencies[destination])
            for entry, origin, destination in plan.crosswalk
        )
        framework_import_log(
            framework=framework,
            user=user,
            filename=filename,
            fmt="case",
            result=result,
            competencies=len(plan.competencies),
            crosswalk=len(plan.crosswalk),
        )
    result.written = True
    return result, framework
