"""Pages of the courses app: thin wrappers around courses.selectors, courses.services and
courses.policy, one module per journey."""

from courses.views.bookings import (
    AcceptOfferView,
    ApprovalDecisionView,
    ApprovalLinkView,
    ApprovalsView,
    BookingCalendarView,
    BookingDoneView,
    CancelView,
)
from courses.views.evaluations import (
    EvaluationView,
    FollowUpView,
    ModuleEvaluationsView,
    SessionEvaluationsView,
)
from courses.views.my_training import MyTrainingView
from courses.views.register import (
    RegisterCheckView,
    RegisterView,
    SignInSheetView,
    WaitingListView,
    WalkInView,
)
from courses.views.sessions import BookView, SessionDetailView, SessionListView
from courses.views.trainer import CheckInView, MySessionsView

__all__ = [
    "BookView",
    "SessionDetailView",
    "SessionListView",
    "AcceptOfferView",
    "BookingCalendarView",
    "BookingDoneView",
    "ApprovalDecisionView",
    "ApprovalLinkView",
    "ApprovalsView",
    "CancelView",
    "RegisterView",
    "RegisterCheckView",
    "WaitingListView",
    "WalkInView",
    "MySessionsView",
    "CheckInView",
    "SignInSheetView",
    "EvaluationView",
    "FollowUpView",
    "ModuleEvaluationsView",
    "SessionEvaluationsView",
    "MyTrainingView",
]
