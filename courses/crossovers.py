"""Cross-overs: where one joint session can serve several frameworks and agencies.

A module serves every framework its competencies belong to, and, through the crosswalk,
those of the competencies mapped to them (equivalent: counts there too; partial: overlaps).
Modules serving more than one framework are ranked by how many people one joint session of
them would serve now: everyone who needs the module over the next 12 months (training demand,
each person once), up to the module's usual number of places; then by how many agencies they
come from. Each crosswalk entry shows the people with a gap in either of its competencies,
each counted once. Modules are matched to their demand by id: two can share a title. A fixed
number of queries whatever the number of staff.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from cms.models import ModuleCompetency, ModulePage
from competencies.models import CompetencyEquivalence
from courses.demand import training_demand


@dataclass
class Crossover:
    module: str
    level: int
    frameworks: list[str]
    mappings: list[str]
    needing: int = 0
    capacity: int = 0
    agencies: list[tuple[str, int]] = field(default_factory=list)

    @property
    def one_session_serves(self) -> int:
        return min(self.needing, self.capacity)


@dataclass
class SharedCompetency:
    code: str
    title: str
    framework: str
    maps_to: str
    maps_to_title: str
    maps_to_framework: str
    kind: str
    note: str
    people_with_a_gap: int


def crossovers(*, staff, area_ids=None, months: int = 12):
    """(modules serving several frameworks, ranked; crosswalk entries with people needing)."""
    entries = list(
        CompetencyEquivalence.objects.select_related(
            "competency__framework", "maps_to__framework"
        )
    )
    mapped = defaultdict(list)  # competency id -> [(entry, other competency)]
    for e in entries:
        mapped[e.competency_id].append((e, e.maps_to))
        mapped[e.maps_to_id].append((e, e.competency))
    modules = {m.pk: m for m in ModulePage.objects.live().only("pk", "title", "level")}
    links = ModuleCompetency.objects.filter(module_id__in=modules).select_related(
        "competency__framework"
    )
    serving: dict[int, Crossover] = {}
    for link in links:
        module = modules[link.module_id]
        item = serving.setdefault(
            module.pk,
            Crossover(
                module=module.title, level=module.level, frameworks=[], mappings=[]
            ),
        )
        frameworks = {link.competency.framework.name}
        for entry, other in mapped.get(link.competency_id, ()):
            frameworks.add(other.framework.name)
            sign = "=" if entry.kind == CompetencyEquivalence.Kind.EQUIVALENT else "≈"
            item.mappings.append(f"{link.competency.code} {sign} {other.code}")
        item.frameworks = sorted(set(item.frameworks) | frameworks)
    candidates = {pk: c for pk, c in serving.items() if len(c.frameworks) > 1}

    demand = training_demand(
        staff=staff, months=months, area_ids=area_ids, by_area=False
    )
    for row in demand.by_module:
        if row.module_id in candidates:
            candidates[row.module_id].needing = row.to_train
            candidates[row.module_id].capacity = row.capacity
    for row in demand.by_agency:
        if row.module_id in candidates and row.to_train:
            candidates[row.module_id].agencies.append((row.agency, row.to_train))
    ranked = sorted(
        candidates.values(),
        key=lambda c: (-c.one_session_serves, -len(c.agencies), c.module, c.level),
    )
    for c in ranked:
        c.agencies.sort(key=lambda a: (-a[1], a[0]))
        c.mappings = sorted(set(c.mappings))

    shared = [
        SharedCompetency(
            code=e.competency.code,
            title=e.competency.title,
            framework=e.competency.framework.name,
            maps_to=e.maps_to.code,
            maps_to_title=e.maps_to.title,
            maps_to_framework=e.maps_to.framework.name,
            kind=e.get_kind_display(),
            note=e.note,
            people_with_a_gap=demand.people_with_a_gap(e.competency_id, e.maps_to_id),
        )
        for e in entries
    ]
    shared.sort(key=lambda s: (-s.people_with_a_gap, s.code, s.maps_to))
    return ranked, shared
