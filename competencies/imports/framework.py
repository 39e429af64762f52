"""A framework as one CSV, so another partnership can load its own, losslessly.

One row per competency: framework, version, description, domain_code, domain_title, code, title,
statement, indicator_1..indicator_5, then the levels as columns level_N_name,
level_N_description, level_N_minimum_hours, level_N_refresh_months for N = 1..5 (blank name: the
framework has no such level). Framework and level columns repeat on every row and must agree. A
domain with no competencies is carried by a row with a blank competency code. Domains and
competencies keep their order (the row order).
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from competencies.exporters import Exporter
from competencies.imports.base import (
    ImportResult,
    RowErrors,
    RowResult,
    Status,
    check_header,
    parse_decimal,
    parse_int,
    text,
)
from competencies.imports.files import Table
from competencies.models import LEVEL_NUMBERS, Competency, Domain, Framework, Level

FRAMEWORK_COLUMNS = ["framework", "version", "description"]
COMPETENCY_COLUMNS = [
    "domain_code",
    "domain_title",
    "code",
    "title",
    "statement",
    *[f"indicator_{n}" for n in LEVEL_NUMBERS],
]
LEVEL_FIELDS = ["name", "description", "minimum_hours", "refresh_months"]
LEVEL_COLUMNS = [f"level_{n}_{f}" for n in LEVEL_NUMBERS for f in LEVEL_FIELDS]
COLUMNS = FRAMEWORK_COLUMNS + COMPETENCY_COLUMNS + LEVEL_COLUMNS
REQUIRED_COLUMNS = [
    "framework",
    "version",
    "domain_code",
    "domain_title",
    "code",
    "title",
]
SHARED_COLUMNS = FRAMEWORK_COLUMNS + LEVEL_COLUMNS


class FrameworkExporter(Exporter):
    """The framework as CSV rows; the import reads them back (escaping undone on reading)."""

    identifier = "framework"
    verbose_name = gettext_lazy("Framework (CSV for import)")
    headers = COLUMNS
    formats = ("csv",)

    def rows(self, *, framework: Framework):
        levels = {lv.number: lv for lv in framework.levels.all()}
        shared = [framework.name, framework.version, framework.description]
        level_cells = []
        for n in LEVEL_NUMBERS:
            lv = levels.get(n)
            level_cells += (
                [
                    lv.name,
                    lv.description,
                    _hours(lv.minimum_hours),
                    str(lv.refresh_months),
                ]
                if lv
                else ["", "", "", ""]
            )
        competencies = list(framework.competencies.all().order_by("sort_order", "code"))
        by_domain: dict[int, list[Competency]] = {}
        for c in competencies:
            by_domain.setdefault(c.domain_id, []).append(c)
        for domain in framework.domains.all().order_by("sort_order", "code"):
            for c in by_domain.get(domain.pk) or [None]:
                cells = (
                    [
                        c.code,
                        c.title,
                        c.statement,
                        *[c.indicator(n) for n in LEVEL_NUMBERS],
                    ]
                    if c
                    else [""] * (3 + len(LEVEL_NUMBERS))
                )
                yield [*shared, domain.code, domain.title, *cells, *level_cells]

    def filename(self, *, framework: Framework):
        slug = f"{framework.name}-{framework.version}"
        return re.sub(r"[^A-Za-z0-9.]+", "-", slug).strip("-")


def _hours(value) -> str:
    text_value = format(value, "f")
    return text_value.rstrip("0").rstrip(".") if "." in text_value else text_value


def framework_export_csv(framework: Framework) -> str:
    return FrameworkExporter().csv_text(framework=framework)


def framework_import(
    *,
    table: Table,
    user=None,
    dry_run: bool = False,
    name: str = "",
    version: str = "",
    filename: str = "",
) -> tuple[ImportResult, Framework | None]:
    """Create a new framework from the CSV (optionally renamed / re-versioned), all or nothing.

    Refuses a name and version that already exist. Saves the first revision, so the framework's
    history starts with the import, and writes an audit-log entry `competencies.framework.import`.
    """
    result = ImportResult()
    if not check_header(table, REQUIRED_COLUMNS, result):
        return result, None
    first_number, first = table.rows[0]
    shared = {c: text(first.get(c)) for c in SHARED_COLUMNS}
    fw_name = name or shared["framework"]
    fw_version = version or shared["version"]
    head = RowErrors(result, first_number)
    if not fw_name:
        head.add("framework", _("Enter the framework's name."))
    if not fw_version:
        head.add("version", _("Enter the framework's version."))
    if (
        fw_name
        and fw_version
        and Framework.objects.filter(name=fw_name, version=fw_version).exists()
    ):
        head.add(
            "version",
            _(
                "A framework “%(name)s” version %(version)s already exists; import it under a "
                "new version."
            )
            % {"name": fw_name, "version": fw_version},
        )

    levels = []
    for n in LEVEL_NUMBERS:
        level_name = shared[f"level_{n}_name"]
        if not level_name:
            continue
        hours, message = parse_decimal(shared[f"level_{n}_minimum_hours"] or "0")
        if message:
            head.add(f"level_{n}_minimum_hours", message)
        months, message = parse_int(
            shared[f"level_{n}_refresh_months"] or "36", low=1, high=600
        )
        if message:
            head.add(f"level_{n}_refresh_months", message)
        levels.append(
            Level(
                number=n,
                name=level_name[:100],
                description=shared[f"level_{n}_description"],
                minimum_hours=hours or 0,
                refresh_months=months or 36,
                sort_order=len(levels),
            )
        )

    domains: dict[str, Domain] = {}
    competencies: list[tuple[str, Competency]] = []
    seen_codes: dict[str, int] = {}
    for number, raw in table.rows:
        errors = head if number == first_number else RowErrors(result, number)
        for column in SHARED_COLUMNS:
            if column in table.headers and text(raw.get(column)) != shared[column]:
                errors.add(
                    column,
                    _(
                        "This differs from row %(row)s; framework and level columns must be the "
                        "same on every row."
                    )
                    % {"row": first_number},
                )
        domain_code, domain_title = (
            text(raw.get("domain_code")),
            text(raw.get("domain_title")),
        )
        if not domain_code:
            errors.add("domain_code", _("Enter the domain code, e.g. SA1."))
        elif domain_code not in domains:
            if not domain_title:
                errors.add("domain_title", _("Enter the domain's title."))
            domains[domain_code] = Domain(
                code=domain_code[:10], title=domain_title[:200], sort_order=len(domains)
            )
        elif domain_title and domain_title != domains[domain_code].title:
            errors.add(
                "domain_title",
                _("Domain %(code)s is titled “%(title)s” on an earlier row.")
                % {"code": domain_code, "title": domains[domain_code].title},
            )
        code = text(raw.get("code"))
        title = text(raw.get("title"))
        if code:
            if code in seen_codes:
                errors.add(
                    "code",
                    _("Competency %(code)s is also on row %(row)s.")
                    % {"code": code, "row": seen_codes[code]},
                )
            seen_codes[code] = number
            if len(code) > 12:
                errors.add("code", _("Codes have at most 12 characters."))
            if not title:
                errors.add("title", _("Enter the competency's title."))
            competency = Competency(
                code=code[:12],
                title=title[:200],
                statement=text(raw.get("statement")),
                sort_order=len(competencies),
                **{
                    f"indicator_{n}": text(raw.get(f"indicator_{n}"))
                    for n in LEVEL_NUMBERS
                },
            )
            for n in competency.levels_assessed:
                if levels and n not in {lv.number for lv in levels}:
                    errors.add(
                        f"indicator_{n}",
                        _("The framework has no level %(level)s.") % {"level": n},
                    )
            competencies.append((domain_code, competency))
        elif title:
            errors.add("code", _("Enter the competency code, e.g. SA2.3."))
        status = Status.ERROR if errors.count else Status.NEW
        result.rows.append(RowResult(number, status, code or domain_code, title))

    result.sort_errors()
    if result.has_errors or dry_run:
        return result, None
    with transaction.atomic():
        framework = Framework(
            name=fw_name[:200],
            version=fw_version[:20],
            description=shared["description"],
        )
        framework.levels = levels
        framework.domains = list(domains.values())
        framework.save()
        saved_domains = {d.code: d for d in framework.domains.all()}
        for domain_code, competency in competencies:
            competency.domain = saved_domains[domain_code]
        framework.competencies = [c for _code, c in competencies]
        framework.save()
        framework.save_revision(user=user, log_action=False)
        log(
            instance=framework,
            action="competencies.framework.import",
            user=user,
            data={"file": filename, "competencies": len(competencies)},
        )
    result.written = True
    return result, framework
