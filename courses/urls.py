from django.urls import path, re_path

from courses import (
    certificate_views,
    credential_views,
    planning_views,
    views,
    xapi_views,
)
from courses.views import agency as agency_views
from courses.views import credentials as credential_accept_views

app_name = "courses"

urlpatterns = [
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/mine/", views.MySessionsView.as_view(), name="my_sessions"),
    path(
        "sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"
    ),
    path("sessions/<int:pk>/book/", views.BookView.as_view(), name="book"),
    path(
        "sessions/<int:pk>/book-staff/",
        agency_views.BookStaffView.as_view(),
        name="book_staff",
    ),
    path(
        "agency/bookings/",
        agency_views.AgencyBookingsView.as_view(),
        name="agency_bookings",
    ),
    path("sessions/<int:pk>/register/", views.RegisterView.as_view(), name="register"),
    path(
        "sessions/<int:pk>/register/check/",
        views.RegisterCheckView.as_view(),
        name="register_check",
    ),
    path(
        "sessions/<int:pk>/register/walk-in/",
        views.WalkInView.as_view(),
        name="walk_in",
    ),
    path(
        "sessions/<int:pk>/waiting-list/",
        views.WaitingListView.as_view(),
        name="waiting_list",
    ),
    path("sessions/<int:pk>/check-in/", views.CheckInView.as_view(), name="check_in"),
    path(
        "sessions/<int:pk>/sign-in-sheet.pdf",
        views.SignInSheetView.as_view(),
        name="sign_in_sheet",
    ),
    path(
        "sessions/<int:pk>/evaluations/",
        views.SessionEvaluationsView.as_view(),
        name="session_evaluations",
    ),
    path(
        "sessions/modules/<int:module_id>/evaluations/",
        views.ModuleEvaluationsView.as_view(),
        name="module_evaluations",
    ),
    path("bookings/<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path(
        "bookings/<int:pk>/done/", views.BookingDoneView.as_view(), name="booking_done"
    ),
    path(
        "bookings/<int:pk>/calendar.ics",
        views.BookingCalendarView.as_view(),
        name="booking_calendar",
    ),
    path("bookings/<int:pk>/accept/", views.AcceptOfferView.as_view(), name="accept"),
    path(
        "bookings/<int:pk>/evaluation/",
        views.EvaluationView.as_view(),
        name="evaluation",
    ),
    path(
        "bookings/<int:pk>/follow-up/", views.FollowUpView.as_view(), name="follow_up"
    ),
    path("approvals/", views.ApprovalsView.as_view(), name="approvals"),
    path(
        "approvals/<int:pk>/<str:decision>/",
        views.ApprovalDecisionView.as_view(),
        name="approval_decide",
    ),
    path(
        "approvals/link/<str:token>/",
        views.ApprovalLinkView.as_view(),
        name="approval_link",
    ),
    path("my-training/", views.MyTrainingView.as_view(), name="my_training"),
    path(
        "sessions/<int:pk>/certificates.pdf",
        certificate_views.SessionCertificatesView.as_view(),
        name="session_certificates",
    ),
    path(
        "certificates/<str:number>.pdf",
        certificate_views.CertificatePdfView.as_view(),
        name="certificate_pdf",
    ),
    path(
        "certificates/<str:number>.jwt",
        credential_views.CredentialJwtView.as_view(),
        name="certificate_jwt",
    ),
    path(
        "certificates/<str:number>.json",
        credential_views.CredentialJsonView.as_view(),
        name="certificate_json",
    ),
    path(
        "agency/staff/<int:pk>/credential/",
        credential_accept_views.CredentialAcceptView.as_view(),
        name="credential_accept",
    ),
    path(
        ".well-known/did.json",
        credential_views.DidDocumentView.as_view(),
        name="did_document",
    ),
    path(
        "credentials/status/<int:list_number>/",
        credential_views.StatusListView.as_view(),
        name="credential_status_list",
    ),
    # xAPI 1.0.3 (docs/xapi.md): no trailing slash, as platforms append "statements" to the
    # endpoint they are given.
    path(
        "xapi/statements",
        xapi_views.StatementsView.as_view(),
        name="xapi_statements",
    ),
    path("xapi/about", xapi_views.AboutView.as_view(), name="xapi_about"),
    path("planning/", planning_views.PlanningView.as_view(), name="planning"),
    path("cross-overs/", planning_views.CrossoversView.as_view(), name="crossovers"),
    re_path(
        r"^planning\.(?P<fmt>csv|xlsx)$",
        planning_views.PlanningView.as_view(),
        name="planning_export",
    ),
    re_path(
        r"^cross-overs\.(?P<fmt>csv|xlsx)$",
        planning_views.CrossoversView.as_view(),
        name="crossovers_export",
    ),
    path("verify/", certificate_views.VerifyFormView.as_view(), name="verify_form"),
    path("verify/<str:code>/", certificate_views.VerifyView.as_view(), name="verify"),
]
