"""The body rows of a report table, written in Python.

A dashboard has about 1,500 cells and the board paper every row of every table: one template
variable per cell made rendering them most of the page's time. The markup and each cell's
text are what `{{ cell }}` would give (localised, time zone applied, escaped).
"""

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

register = template.Library()

MISSING = "—"


def _text(value) -> str:
    # Text and whole numbers print as they are unless thousands are grouped: skipping
    # localize() for them halves the time of a table.
    if isinstance(value, str) or (
        type(value) is int and not settings.USE_THOUSAND_SEPARATOR
    ):
        return conditional_escape(value)
    return conditional_escape(str(localize(template_localtime(value))))


@register.simple_tag
def report_table_rows(rows) -> str:
    """`<tr>`s of `rows`: the first cell a row header, the others numeric, None as a dash."""
    out = []
    for row in rows:
        cells = [f'<th scope="row" class="govuk-table__header">{_text(row[0])}</th>']
        cells += [
            '<td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{MISSING if cell is None else _text(cell)}</td>"
            for cell in row[1:]
        ]
        out.append(f'<tr class="govuk-table__row">{"".join(cells)}</tr>')
    # Safe: the markup is ours and every cell went through conditional_escape in _text().
    return mark_safe("\n".join(out))  # noqa: S308
