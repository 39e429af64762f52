"""The framework's Moodle scale as our levels, and our levels as a Moodle scale.

A Moodle scale is a comma-separated list of values, lowest first ("Not yet competent,
Competent"); its configuration (JSON) says which value is the default and which count as
proficient. Value N becomes our level N (up to five); levels have no default or
proficiency here, so the configuration is not kept.
"""

import json

from django.utils.translation import gettext as _

from competencies.models import LEVEL_NUMBERS, Level
from competencies.moodle import notes

LEVEL_NAME_MAX = 100
# Written for a framework with no levels: Moodle requires a scale on every framework.
FALLBACK_SCALE = ["Not yet competent", "Competent"]


def scale_levels(*, values: str, configuration: str, column, errors, skipped) -> list:
    names = [v.strip() for v in values.split(",")] if values.strip() else []
    if not names:
        skipped.append(notes.no_scale())
        return []
    if len(names) > len(LEVEL_NUMBERS):
        skipped.append(notes.scale_too_long(len(names)))
        return []
    levels = []
    for number, name in enumerate(names, start=1):
        if not name or len(name) > LEVEL_NAME_MAX:
            errors.add(
                column,
                _("Scale value %(n)s must be 1 to %(max)s characters.")
                % {"n": number, "max": LEVEL_NAME_MAX},
            )
        levels.append(Level(number=number, name=name[:100], sort_order=number - 1))
    if configuration.strip():
        skipped.append(notes.scale_configuration())
    return levels


def scale_of(levels: list[Level]) -> tuple[str, str]:
    """(Scale values, Scale configuration) for Moodle: the levels' names in number order;
    the first is the default and every value proficient (Moodle wants one default and at
    least one proficient). Moodle puts its own scale id in the first entry on import."""
    names = [
        lv.name.replace(",", " ") for lv in sorted(levels, key=lambda lv: lv.number)
    ]
    names = names or FALLBACK_SCALE
    configuration = [{"scaleid": ""}] + [
        {"id": n, "scaledefault": int(n == 1), "proficient": 1}
        for n in range(1, len(names) + 1)
    ]
    return ",".join(names), json.dumps(configuration, separators=(",", ":"))
