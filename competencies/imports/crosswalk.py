"""Import the crosswalk between frameworks from CSV/XLSX, all or nothing, and export it.

Columns: framework, code, maps_to_framework, maps_to_code, kind (equivalent or partial);
optional note. Frameworks are named as "<name> <version>" or by name alone when only one
version exists. A pair already mapped is updated (kind, note), or unchanged.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from competencies.compliance_cache import compliance_deferred
from competencies.exporters import Exporter
from competencies.imports.base import (
    ImportResult,
    RowErrors,
    RowResult,
    Status,
    check_header,
    text,
)
from competencies.imports.files import Table
from competencies.models import Competency, CompetencyEquivalence, Framework

COLUMNS = ["framework", "code", "maps_to_framework", "maps_to_code", "kind"]
OPTIONAL = ["note"]
KINDS = {k.value for k in CompetencyEquivalence.Kind}


def _frameworks() -> dict[str, list[Framework]]:
    by_name: dict[str, list[Framework]] = {}
    for framework in Framework.objects.all():
        by_name.setdefault(f"{framework.name} {framework.version}".lower(), []).append(
            framework
        )
        by_name.setdefault(framework.name.lower(), []).append(framework)
    return by_name


def crosswalk_import(
    *, table: Table, user=None, dry_run: bool = False, filename: str = ""
) -> ImportResult:
    result = ImportResult()
    if not check_header(table, COLUMNS, result):
        return result
    frameworks = _frameworks()
    competencies = {
        (c.framework_id, c.code.lower()): c for c in Competency.objects.all()
    }
    existing = {
        (e.competency_id, e.maps_to_id): e for e in CompetencyEquivalence.objects.all()
    }
    seen = set()
    planned = []
    for number, row in table.rows:
        errors = RowErrors(result, number)
        found = []
        for fw_col, code_col in [
            ("framework", "code"),
            ("maps_to_framework", "maps_to_code"),
        ]:
            options = frameworks.get(text(row.get(fw_col)).lower(), [])
            if len(options) != 1:
                errors.add(
                    fw_col,
                    _("No framework is called “%(name)s”.")
                    % {"name": text(row.get(fw_col))}
                    if not options
                    else _("Several versions are called “%(name)s”: add the version.")
                    % {"name": text(row.get(fw_col))},
                )
                found.append(None)
                continue
            competency = competencies.get(
                (options[0].pk, text(row.get(code_col)).lower())
            )
            if competency is None:
                errors.add(
                    code_col,
                    _("%(framework)s has no competency %(code)s.")
                    % {"framework": options[0], "code": text(row.get(code_col))},
                )
            found.append(competency)
        kind = text(row.get("kind")).lower()
        if kind not in KINDS:
            errors.add("kind", _("Kind must be “equivalent” or “partial”."))
        source, target = found
        if source and target and source.framework_id == target.framework_id:
            errors.add(
                "maps_to_framework", _("Map to a competency of another framework.")
            )
        if source and target:
            pair = (source.pk, target.pk)
            if pair in seen or (target.pk, source.pk) in seen:
                errors.add("maps_to_code", _("This pair is mapped twice in the file."))
            seen.add(pair)
        if errors.count:
            result.rows.append(RowResult(number, Status.ERROR))
            continue
        note = text(row.get("note"))
        current = existing.get((source.pk, target.pk)) or existing.get(
            (target.pk, source.pk)
        )
        label = f"{source.code} → {target.code}"
        if current is None:
            status = Status.NEW
        elif current.kind == kind and current.note == note:
            status = Status.UNCHANGED
        else:
            status = Status.UPDATED
        result.rows.append(RowResult(number, status, label=label, detail=kind))
        planned.append((status, current, source, target, kind, note))
    result.sort_errors()
    if result.has_errors or dry_run:
        return result
    with transaction.atomic(), compliance_deferred():
        for status, current, source, target, kind, note in planned:
            if status == Status.NEW:
                CompetencyEquivalence.objects.create(
                    competency=source, maps_to=target, kind=kind, note=note
                )
            elif status == Status.UPDATED:
                current.kind, current.note = kind, note
                current.save(update_fields=["kind", "note"])
        log(
            instance=planned[0][2].framework,
            action="competencies.crosswalk.import",
            user=user,
            data={"file": filename, **result.counts},
        )
    result.written = True
    return result


class CrosswalkExporter(Exporter):
    """Every crosswalk entry in the import's columns (escaping undone on reading)."""

    identifier = "crosswalk"
    verbose_name = gettext_lazy("Crosswalk (CSV for import)")
    headers = COLUMNS + OPTIONAL
    formats = ("csv",)

    def rows(self):
        entries = CompetencyEquivalence.objects.select_related(
            "competency__framework", "maps_to__framework"
        )
        for e in entries:
            yield [
                f"{e.competency.framework.name} {e.competency.framework.version}",
                e.competency.code,
                f"{e.maps_to.framework.name} {e.maps_to.framework.version}",
                e.maps_to.code,
                e.kind,
                e.note,
            ]
