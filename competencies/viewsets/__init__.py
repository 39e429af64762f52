"""The Wagtail admin of the partnership: staff, records, the framework, role profiles and
reference data, grouped under one "Partnership" menu. Staff and records are scoped through
competencies.policy: the listing, every object view, the chooser and the export."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from competencies.crosswalk_admin import CrosswalkViewSet
from competencies.viewsets.framework import FrameworkViewSet, RoleProfileViewSet
from competencies.viewsets.records import CompetencyRecordViewSet
from competencies.viewsets.reference import (
    AgencyViewSet,
    AreaViewSet,
    BoardViewSet,
    ComplianceTargetViewSet,
)
from competencies.viewsets.scoped import ScopedObjectMixin, scoped
from competencies.viewsets.staff import StaffMemberViewSet
from competencies.viewsets.staff_chooser import staff_chooser_viewset

__all__ = [
    "PartnershipViewSetGroup",
    "ScopedObjectMixin",
    "scoped",
    "staff_chooser_viewset",
]


class PartnershipViewSetGroup(ModelViewSetGroup):
    menu_label = _("Partnership")
    menu_icon = "group"
    menu_order = 250
    items = (
        StaffMemberViewSet("competencies_staff"),
        CompetencyRecordViewSet("competencies_record"),
        FrameworkViewSet(),
        CrosswalkViewSet("competencies_crosswalk"),
        RoleProfileViewSet("competencies_roleprofile"),
        AgencyViewSet("competencies_agency"),
        AreaViewSet("competencies_area"),
        BoardViewSet("competencies_board"),
        ComplianceTargetViewSet("competencies_target"),
    )
