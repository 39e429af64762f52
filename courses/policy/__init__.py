"""The courses app's rules, each written once (docs/access.md, docs/booking.md, docs/metrics.md).

As in competencies.policy, each rule is a queryset expression for lists and reports and, where
one object is asked about, its matching check:

- scope: the sessions a trainer runs, the bookings and certificates a user may know of, who
  may act on a person's bookings and who approves them;
- attendance: attended in full (records and certificates), took part (evaluation, follow-up);
- the three-month follow-up: the day it opens;
- certificates withheld until the evaluation;
- Open Badges credentials: withdrawn, servable, where their alignments count;
- bookable, the agency-mix cap, and the reporting period as datetimes;
- board papers: who may open a stored one, who may subscribe, the period a paper covers.
"""

from courses.policy.access import (
    acting_for,
    approvable_by_q,
    approvers_for,
    bookings_visible_to,
    certificates_visible_to,
    may_approve,
    may_fill_held_places,
    may_hold_places,
    may_see_module_results,
    needs_approval,
    reservations_visible_to,
    runs_session,
    sessions_run_by,
)
from courses.policy.attendance import (
    CHECK_IN_AFTER,
    CHECK_IN_BEFORE,
    FOLLOW_UP_AFTER,
    MARKS,
    TOOK_PART,
    arrived_late,
    attended_in_full,
    certificate_due,
    certificate_withheld_q,
    check_in_open,
    check_in_window,
    follow_up_open,
    follow_up_opens_on,
    full_attendance_q,
    may_evaluate,
    register_counts,
    register_mark,
    took_part,
    took_part_q,
)
from courses.policy.booking import (
    Refusal,
    agency_cap,
    bookable,
    booking_refusal,
    cancellation_is_late,
    has_room_for,
    late_cancellation_from,
    mix_rule_relaxed,
    period_bounds,
)
from courses.policy.credentials import (
    credential_competency_targets,
    credential_servable,
    credential_withdrawn_q,
)
from courses.policy.reports import (
    MONTHLY,
    QUARTERLY,
    Period,
    board_paper_within_scope,
    board_papers_visible_to,
    may_open_board_paper,
    may_subscribe_to_board_papers,
    period_containing,
    period_due,
    period_from_label,
)

__all__ = [
    "MONTHLY",
    "Period",
    "QUARTERLY",
    "board_paper_within_scope",
    "board_papers_visible_to",
    "may_open_board_paper",
    "may_subscribe_to_board_papers",
    "period_containing",
    "period_due",
    "period_from_label",
    "credential_competency_targets",
    "credential_servable",
    "credential_withdrawn_q",
    "CHECK_IN_AFTER",
    "CHECK_IN_BEFORE",
    "FOLLOW_UP_AFTER",
    "MARKS",
    "Refusal",
    "TOOK_PART",
    "acting_for",
    "agency_cap",
    "approvable_by_q",
    "approvers_for",
    "arrived_late",
    "attended_in_full",
    "bookable",
    "booking_refusal",
    "bookings_visible_to",
    "cancellation_is_late",
    "certificate_due",
    "certificate_withheld_q",
    "certificates_visible_to",
    "check_in_open",
    "check_in_window",
    "follow_up_open",
    "follow_up_opens_on",
    "full_attendance_q",
    "has_room_for",
    "late_cancellation_from",
    "may_approve",
    "may_evaluate",
    "may_fill_held_places",
    "may_hold_places",
    "may_see_module_results",
    "mix_rule_relaxed",
    "needs_approval",
    "period_bounds",
    "register_counts",
    "register_mark",
    "reservations_visible_to",
    "runs_session",
    "sessions_run_by",
    "took_part",
    "took_part_q",
]
