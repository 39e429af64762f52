"""The partnership, its agencies and staff, and the competency framework they are measured by."""

from competencies.models.crosswalk import CompetencyEquivalence
from competencies.models.framework import (
    LEVEL_NUMBERS,
    Competency,
    Domain,
    Framework,
    Level,
    Requirement,
    RoleProfile,
)
from competencies.models.link_requests import LinkRequest
from competencies.models.partnership import (
    Agency,
    Area,
    Board,
    ComplianceTarget,
    TimeStampedModel,
)
from competencies.models.snapshots import ComplianceSnapshot
from competencies.models.staff import (
    CompetencyRecord,
    StaffCompliance,
    StaffMember,
    StaffMemberQuerySet,
    StaffMove,
)

__all__ = [
    "LEVEL_NUMBERS",
    "Agency",
    "Area",
    "Board",
    "Competency",
    "CompetencyEquivalence",
    "CompetencyRecord",
    "ComplianceSnapshot",
    "ComplianceTarget",
    "Domain",
    "Framework",
    "Level",
    "LinkRequest",
    "Requirement",
    "RoleProfile",
    "StaffCompliance",
    "StaffMember",
    "StaffMemberQuerySet",
    "StaffMove",
    "TimeStampedModel",
]
