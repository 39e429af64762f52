"""A framework as Moodle's competency framework CSV, for Moodle's "Import competency
framework" tool (and for our own Moodle import, which reads it back to the same framework).

The framework row first ("Is framework" 1, its scale from our levels), then each domain
(a top-level competency) followed by its competencies (children of the domain). Statements
go out as HTML paragraphs (Description format 1) with the level indicators as marked
paragraphs after them; crosswalk links (either kind) go out as cross-referenced id numbers,
the other competency's code. Cells go through the one CSV writer, so formula-like text gets
a leading apostrophe, which Moodle keeps as part of the text.
"""

import re

from django.utils.translation import gettext_lazy

from competencies.exporters import Exporter
from competencies.models import CompetencyEquivalence, Framework
from competencies.moodle.columns import FORMAT_HTML, HEADERS
from competencies.moodle.html import text_to_html
from competencies.moodle.scale import scale_of

TAXONOMY = "domain,competency,competency,competency"


def framework_idnumber(framework: Framework) -> str:
    """The id number Moodle needs for the framework (ours has none): name and version."""
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", f"{framework.name}-{framework.version}")
    return slug.strip("-")[:100]


class MoodleFrameworkExporter(Exporter):
    identifier = "framework-moodle"
    verbose_name = gettext_lazy("Framework (CSV for Moodle)")
    headers = HEADERS
    formats = ("csv",)

    def rows(self, *, framework: Framework):
        levels = list(framework.levels.all())
        names = {lv.number: lv.name for lv in levels}
        values, configuration = scale_of(levels)
        yield [
            "",
            framework_idnumber(framework),
            framework.name,
            text_to_html(framework.description),
            FORMAT_HTML,
            values,
            configuration,
            "",
            "",
            "",
            "",
            "",
            1,
            TAXONOMY,
        ]
        related = _related(framework)
        competencies = framework.competencies.order_by("sort_order", "code")
        by_domain: dict[int, list] = {}
        for c in competencies:
            by_domain.setdefault(c.domain_id, []).append(c)
        exported = 0
        for domain in framework.domains.order_by("sort_order", "code"):
            exported += 1
            yield _node("", domain.code, domain.title, "", "", exported)
            for c in by_domain.get(domain.pk, []):
                exported += 1
                indicators = {
                    n: (names.get(n, ""), c.indicator(n)) for n in range(1, 6)
                }
                codes = (code.replace(",", "%2C") for code in related.get(c.pk, []))
                yield _node(
                    domain.code,
                    c.code,
                    c.title,
                    text_to_html(c.statement, indicators),
                    ",".join(codes),
                    exported,
                )

    def filename(self, *, framework: Framework):
        return f"{framework_idnumber(framework)}-moodle"


def _node(parent, idnumber, shortname, description, related, exported) -> list:
    """A competency row as Moodle's export writes one (no scale of its own, no rule)."""
    return [
        parent,
        idnumber,
        shortname,
        description,
        FORMAT_HTML,
        "",
        "",
        "",
        0,
        "null",
        related,
        exported,
        "",
        "",
    ]


def _related(framework: Framework) -> dict[int, list[str]]:
    """{our competency's pk: the codes of the competencies it is linked with elsewhere}."""
    related: dict[int, list[str]] = {}
    links = CompetencyEquivalence.objects.filter(
        competency__framework=framework
    ).values_list("competency_id", "maps_to__code")
    back = CompetencyEquivalence.objects.filter(
        maps_to__framework=framework
    ).values_list("maps_to_id", "competency__code")
    for pk, code in [*links, *back]:
        if code not in related.setdefault(pk, []):
            related[pk].append(code)
    return related


def framework_export_moodle(framework: Framework) -> str:
    return MoodleFrameworkExporter().csv_text(framework=framework)
