"""Writing a checked Moodle framework CSV as a new framework (and its crosswalk links)."""

from django.db import transaction

from competencies.compliance_cache import compliance_deferred
from competencies.imports.base import ImportResult
from competencies.imports.files import Table
from competencies.imports.framework_write import (
    crosswalk_entries_save,
    framework_import_log,
    framework_tree_save,
)
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
        framework = framework_tree_save(
            framework=plan.framework,
            levels=plan.levels,
            domains=plan.domains,
            competencies=plan.competencies,
            domain_key="code",
            user=user,
        )
        ours = {c.code: c for c in framework.competencies.all()}
        crosswalk_entries_save(
            (entry, ours[code], other) for entry, code, other in plan.crosswalk
        )
        framework_import_log(
            framework=framework,
            user=user,
            filename=filename,
            fmt="moodle",
            result=result,
            competencies=len(plan.competencies),
            crosswalk=len(plan.crosswalk),
        )
    result.written = True
    return result, framework
