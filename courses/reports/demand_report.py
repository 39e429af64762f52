"""Training demand in the board reports: the next 12 months, by area and module (aggregates)."""

from django.utils.translation import gettext_lazy as _

from courses.demand import training_demand
from courses.reports.definitions import Report, Table, register

HORIZON_MONTHS = 12
HEADERS = [
    "Area",
    "Module",
    "Level",
    "Missing now",
    "Expiring within horizon",
    "Already booked",
    "Still to train",
    "Usual places",
    "Sessions needed",
]


def demand_table(demand) -> Table:
    rows = [
        [
            r.area,
            r.module,
            r.level if r.level is not None else "",
            r.missing_now,
            r.expiring,
            r.booked,
            r.to_train,
            r.capacity,
            r.sessions_needed,
        ]
        for r in demand.by_module
    ]
    rows.append(
        [
            "Total",
            "",
            "",
            sum(r.missing_now for r in demand.by_module),
            sum(r.expiring for r in demand.by_module),
            sum(r.booked for r in demand.by_module),
            demand.total_to_train,
            "",
            demand.total_sessions,
        ]
    )
    return Table(headers=HEADERS, rows=rows)


@register
class TrainingDemand(Report):
    slug = "training-demand"
    title = _("Training demand, next 12 months")
    description = _(
        "People who will need each module (missing now, or expiring within 12 months), less "
        "those already booked, and the sessions that takes. Counted as at today."
    )
    # Every gap of every person in scope, read as the planning page reads them: on the
    # dashboard it loads after the page, which stays quick.
    deferred = True

    def table(self, *, scope, filters) -> Table:
        module_id = filters.module.pk if filters.module else None
        area_ids = {filters.area.pk} if filters.area else scope.area_ids
        demand = training_demand(
            staff=filters.staff(scope),
            months=HORIZON_MONTHS,
            area_ids=area_ids,
            module_id=module_id,
        )
        return demand_table(demand)
