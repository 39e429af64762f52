"""Who sees which figures: the scope of a report, from the user's role.

- administrator: the whole partnership, named lists included;
- board chair: the areas of the adults boards they chair, every agency working there,
  aggregates only (no named staff);
- training coordinator: their own agency, named lists included;
- anybody else: no reports.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from competencies import policy
from competencies.models import Agency, Area, StaffMember


@dataclass(frozen=True)
class ReportScope:
    kind: str  # "administrator" | "board_chair" | "coordinator"
    label: str
    area_ids: frozenset[int] | None = None  # None: every area
    agency_id: int | None = None  # set for a coordinator
    named_lists: bool = False
    board_names: tuple[str, ...] = field(default_factory=tuple)

    def staff(self) -> QuerySet[StaffMember]:
        staff = StaffMember.objects.all()
        if self.agency_id is not None:
            staff = staff.filter(agency_id=self.agency_id)
        if self.area_ids is not None:
            # A person counts for every area they work in (docs/metrics.md, Area attribution).
            staff = staff.filter(
                pk__in=StaffMember.areas.through.objects.filter(
                    area_id__in=self.area_ids
                ).values("staffmember_id")
            )
        return staff

    def agencies(self) -> QuerySet[Agency]:
        agencies = Agency.objects.all()
        if self.agency_id is not None:
            agencies = agencies.filter(pk=self.agency_id)
        if self.area_ids is not None:
            agencies = agencies.filter(areas__in=self.area_ids).distinct()
        return agencies.order_by("name")

    def areas(self) -> QuerySet[Area]:
        areas = Area.objects.order_by("name")
        if self.area_ids is not None:
            areas = areas.filter(pk__in=self.area_ids)
        elif self.agency_id is not None:
            areas = areas.filter(agencies=self.agency_id)
        return areas


def report_scope_for(user) -> ReportScope:
    """The widest scope the user's roles give; raises PermissionDenied if none."""
    if not user.is_authenticated:
        raise PermissionDenied
    if policy.is_administrator(user):
        return ReportScope(
            kind="administrator", label="The whole partnership", named_lists=True
        )
    boards = policy.chaired_boards(user)
    if boards:
        return ReportScope(
            kind="board_chair",
            label=", ".join(b.area.name for b in boards),
            area_ids=frozenset(b.area_id for b in boards),
            board_names=tuple(b.name for b in boards),
        )
    agency_id = policy.coordinated_agency_id(user)
    if agency_id is not None:
        agency = Agency.objects.get(pk=agency_id)
        return ReportScope(
            kind="coordinator", label=agency.name, agency_id=agency_id, named_lists=True
        )
    raise PermissionDenied
