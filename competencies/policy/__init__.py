"""The competencies app's rules, each written once.

Every rule here comes as a queryset expression (for lists, reports and exports) and, where a
single object is asked about, as its matching check (for views, services and templates).
Nothing outside the policy modules tests `is_superuser` or a role by its group name: a test
(tests/test_policy_single_home.py) fails if something does.

- roles: who is an administrator, trainer, coordinator or board chair;
- agency scope: whose staff data a user may see (docs/access.md);
- staff active: who still works for their agency on a day;
- spreadsheet-safe text: what leaves the site in a spreadsheet is never run as a formula;
- the compliance rule: which records count for a requirement, and its status on a day;
- published frameworks: which frameworks the public CASE provider API serves;
- compliance targets: which board target a figure is held to, and its red/amber/green rating.
"""

from competencies.policy.access import (
    agencies_visible_to,
    agency_ids_visible_to,
    agency_q,
    can_see_all_agencies,
    chaired_boards,
    coordinated_agency_id,
    coordinator_users_of,
    has_role,
    is_administrator,
    is_board_chair,
    is_coordinator,
    is_trainer,
    link_requests_visible_to,
    may_erase_personal_data,
    may_manage_agency,
    may_manage_staff,
    navigation_roles,
    records_visible_to,
    staff_active_q,
    staff_is_active,
    staff_visible_to,
    trainer_users,
)
from competencies.policy.compliance_rule import (
    EXPIRING_WITHIN_DAYS,
    UNMET,
    Status,
    best_record,
    equivalences,
    fully_compliant_q,
    held_record_q,
    in_compliance,
    requirement_met,
    requirement_rows,
    requirement_status,
    valid_record_q,
)
from competencies.policy.frameworks import (
    framework_is_published,
    frameworks_published,
)
from competencies.policy.spreadsheets import (
    FORMULA_PREFIXES,
    is_formula_like,
    spreadsheet_safe,
    spreadsheet_unsafe,
)
from competencies.policy.targets import (
    RAG_AMBER_POINTS,
    Rating,
    boards_targetable_by,
    may_set_targets,
    rating,
    target_for,
)

__all__ = [
    "framework_is_published",
    "frameworks_published",
    "EXPIRING_WITHIN_DAYS",
    "FORMULA_PREFIXES",
    "RAG_AMBER_POINTS",
    "Rating",
    "Status",
    "UNMET",
    "agencies_visible_to",
    "agency_ids_visible_to",
    "agency_q",
    "best_record",
    "boards_targetable_by",
    "can_see_all_agencies",
    "chaired_boards",
    "coordinated_agency_id",
    "coordinator_users_of",
    "equivalences",
    "fully_compliant_q",
    "has_role",
    "held_record_q",
    "in_compliance",
    "is_administrator",
    "is_board_chair",
    "is_coordinator",
    "is_formula_like",
    "is_trainer",
    "link_requests_visible_to",
    "may_erase_personal_data",
    "may_manage_agency",
    "may_manage_staff",
    "may_set_targets",
    "navigation_roles",
    "rating",
    "records_visible_to",
    "requirement_met",
    "requirement_rows",
    "requirement_status",
    "spreadsheet_safe",
    "spreadsheet_unsafe",
    "staff_active_q",
    "staff_is_active",
    "staff_visible_to",
    "target_for",
    "trainer_users",
    "valid_record_q",
]
