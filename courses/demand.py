"""Training demand: how many people will need each module over a horizon, and how many
sessions that takes. A planning figure for trainers and boards, computed in a fixed number of
queries whatever the number of staff.

The rule, per active staff member and requirement of their role profile, as of `today`:
- a gap "missing now": no record counts today (missing or expired);
- a gap "expiring": it counts today, but every counting record expires before the horizon ends;
- each gap is answered by one module: the live module delivering the competency (or one the
  crosswalk makes equivalent) at or above the required level, lowest module level first, then
  title (so one gap is never counted for two modules); a gap no module delivers is listed
  under "no module yet";
- a person needs a module when one or more of their gaps goes to it, and counts as "missing
  now" for it when any of those gaps is missing now;
- less those already booked: an active booking (confirmed, awaiting approval, offered or
  waiting) on a scheduled session of that module starting before the horizon ends;
- staff count for every area they work in (the reports' attribution rule);
- sessions needed for an area and module: enough sessions at the module's usual capacity (the
  median of its sessions' places, else 20) for everyone still to train, and enough for the
  agency-mix rule to let the largest agency's people in (its share of places per session);
  e-learning modules need no sessions.
"""

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone

from cms.models import ModuleCompetency, ModulePage
from competencies.compliance import requirement_statuses
from competencies.models import Agency, Area, StaffMember
from competencies.policy import UNMET, equivalences
from courses import policy
from courses.models import Booking, BookingSettings, Session

DEFAULT_CAPACITY = 20
NO_AREA = 0
ALL_AREAS = -1
NO_MODULE = 0


@dataclass
class DemandRow:
    area: str
    agency: str
    module: str
    level: int | None
    missing_now: int
    expiring: int
    booked: int
    module_id: int = NO_MODULE  # titles are not unique: match rows to modules by this

    @property
    def needing(self) -> int:
        return self.missing_now + self.expiring

    @property
    def to_train(self) -> int:
        return max(0, self.needing - self.booked)


@dataclass
class ModuleDemand:
    area: str
    module: str
    level: int | None
    missing_now: int
    expiring: int
    booked: int
    to_train: int
    capacity: int
    largest_agency: int
    sessions_needed: int
    module_id: int = NO_MODULE


@dataclass
class Demand:
    today: datetime.date
    horizon_end: datetime.date
    by_module: list[ModuleDemand]
    by_agency: list[DemandRow]
    # Required competency id -> ids of the people with a gap in it (whatever module answers).
    people_with_gap: dict[int, set[int]] = field(default_factory=dict)

    def people_with_a_gap(self, *competency_ids: int) -> int:
        """People with a gap in any of these competencies, each counted once."""
        return len(
            set().union(*(self.people_with_gap.get(c, ()) for c in competency_ids))
        )

    @property
    def total_to_train(self) -> int:
        return sum(r.to_train for r in self.by_module)

    @property
    def total_sessions(self) -> int:
        return sum(r.sessions_needed for r in self.by_module)


def _answering_module(modules_by_competency, competency_id, min_level):
    for module_id, level in modules_by_competency.get(competency_id, ()):
        if level >= min_level:
            return module_id
    return NO_MODULE


def training_demand(
    *,
    staff=None,
    months: int = 12,
    today: datetime.date | None = None,
    area_ids=None,
    module_id: int | None = None,
    by_area: bool = True,
) -> Demand:
    """Demand over the next `months` for `staff` (a StaffMember queryset; default all),
    optionally only in some areas or for one module. `by_area=False` counts each person once
    (area "All areas") instead of in every area they work in."""
    today = today or timezone.localdate()
    end = today + relativedelta(months=months)
    staff = StaffMember.objects.all() if staff is None else staff
    if area_ids is not None:
        staff = staff.filter(areas__in=area_ids).distinct()

    gaps = (
        requirement_statuses(staff=staff, as_of=today)
        .filter(Q(status__in=UNMET) | Q(best_expires__lt=end))
        .values_list("pk", "agency_id", "req_competency_id", "req_min_level", "status")
    )

    modules = {
        m.pk: m
        for m in ModulePage.objects.live().only("pk", "title", "level", "delivery_mode")
    }
    modules_by_competency = defaultdict(list)
    links = ModuleCompetency.objects.filter(module_id__in=modules).values_list(
        "competency_id", "module_id", "level"
    )
    for competency_id, mid, level in links:
        modules_by_competency[competency_id].append((mid, level))
    # Through the crosswalk a module also answers what is equivalent to what it delivers.
    delivered = {c: list(options) for c, options in modules_by_competency.items()}
    for a, b in equivalences().values_list("competency_id", "maps_to_id"):
        modules_by_competency[b].extend(delivered.get(a, ()))
        modules_by_competency[a].extend(delivered.get(b, ()))
    for options in modules_by_competency.values():
        options.sort(key=lambda o: (modules[o[0]].level, modules[o[0]].title, o[0]))

    # person -> module -> missing now?
    needs: dict[int, dict[int, bool]] = defaultdict(dict)
    agency_of: dict[int, int] = {}
    people_with_gap: dict[int, set] = defaultdict(set)
    for person, agency_id, competency_id, min_level, status in gaps:
        people_with_gap[competency_id].add(person)
        mid = _answering_module(modules_by_competency, competency_id, min_level)
        if module_id is not None and mid != module_id:
            continue
        agency_of[person] = agency_id
        missing = status in UNMET
        needs[person][mid] = needs[person].get(mid, False) or missing

    booked = set(
        Booking.objects.filter(
            status__in=Booking.ACTIVE,
            session__status=Session.Status.SCHEDULED,
            session__start__date__gte=today,
            session__start__date__lt=end,
        ).values_list("staff_id", "session__module_id")
    )
    areas_of = defaultdict(list)
    through = StaffMember.areas.through.objects.filter(staffmember_id__in=list(needs))
    if area_ids is not None:
        through = through.filter(area_id__in=area_ids)
    for person, area_id in through.values_list("staffmember_id", "area_id"):
        areas_of[person].append(area_id)

    counts = defaultdict(
        lambda: [0, 0, 0]
    )  # (area, agency, module) -> missing, expiring, booked
    for person, by_module in needs.items():
        for mid, missing in by_module.items():
            for area_id in (
                (areas_of.get(person) or [NO_AREA]) if by_area else [ALL_AREAS]
            ):
                cell = counts[(area_id, agency_of[person], mid)]
                cell[0 if missing else 1] += 1
                if (person, mid) in booked:
                    cell[2] += 1

    area_names = dict(Area.objects.values_list("pk", "name"))
    agency_names = dict(Agency.objects.values_list("pk", "name"))
    capacities = defaultdict(list)
    for mid, capacity in Session.objects.filter(module_id__in=modules).values_list(
        "module_id", "capacity"
    ):
        capacities[mid].append(capacity)
    percent = BookingSettings.load().max_per_agency_percent

    def names(area_id, mid):
        module = modules.get(mid)
        return (
            "All areas"
            if area_id == ALL_AREAS
            else area_names.get(area_id, "No area recorded"),
            module.title if module else "No module yet",
            module.level if module else None,
        )

    by_agency = []
    per_area_module = defaultdict(lambda: {"m": 0, "e": 0, "b": 0, "agencies": {}})
    for (area_id, agency_id, mid), (m, e, b) in counts.items():
        area, title, level = names(area_id, mid)
        row = DemandRow(
            area, agency_names.get(agency_id, ""), title, level, m, e, b, module_id=mid
        )
        by_agency.append(row)
        group = per_area_module[(area_id, mid)]
        group["m"] += m
        group["e"] += e
        group["b"] += b
        group["agencies"][agency_id] = row.to_train

    by_module = []
    for (area_id, mid), group in per_area_module.items():
        area, title, level = names(area_id, mid)
        capacity = (
            int(statistics.median(capacities[mid]))
            if capacities.get(mid)
            else DEFAULT_CAPACITY
        )
        to_train = sum(group["agencies"].values())
        largest = max(group["agencies"].values(), default=0)
        agency_places = policy.agency_cap(capacity, percent)
        sessions = 0
        module = modules.get(mid)
        if (
            module is not None
            and module.delivery_mode == ModulePage.DeliveryMode.E_LEARNING
        ):
            capacity = largest = 0  # self-paced: no sessions to commission
        elif module is not None and to_train:
            sessions = max(
                math.ceil(to_train / capacity), math.ceil(largest / agency_places)
            )
        by_module.append(
            ModuleDemand(
                area,
                title,
                level,
                group["m"],
                group["e"],
                group["b"],
                to_train,
                capacity,
                largest,
                sessions,
                module_id=mid,
            )
        )
    by_module.sort(key=lambda r: (r.area, -r.to_train, r.module))
    by_agency.sort(key=lambda r: (r.area, r.agency, -r.to_train, r.module))
    return Demand(
        today=today,
        horizon_end=end,
        by_module=by_module,
        by_agency=by_agency,
        people_with_gap=dict(people_with_gap),
    )
