from django.urls import path, re_path

from courses.reports import paper_views, subscription_views, targets, views

urlpatterns = [
    path("reports/", views.ReportsDashboardView.as_view(), name="reports"),
    path("reports/targets/", targets.TargetsView.as_view(), name="report_targets"),
    path(
        "reports/<slug:slug>/section/",
        views.ReportSectionView.as_view(),
        name="report_section",
    ),
    path("reports/papers/", paper_views.PaperListView.as_view(), name="report_papers"),
    path(
        "reports/papers/<int:pk>/",
        paper_views.PaperDetailView.as_view(),
        name="report_paper",
    ),
    path(
        "reports/papers/<int:pk>/status.json",
        paper_views.PaperStatusView.as_view(),
        name="report_paper_status",
    ),
    path(
        "reports/papers/<int:pk>/download/",
        paper_views.PaperDownloadView.as_view(),
        name="report_paper_download",
    ),
    path(
        "reports/subscriptions/",
        subscription_views.SubscriptionsView.as_view(),
        name="report_subscriptions",
    ),
    path(
        "reports/subscriptions/<int:pk>/unsubscribe/",
        subscription_views.UnsubscribeView.as_view(),
        name="report_unsubscribe",
    ),
    re_path(
        r"^reports/(?P<slug>[a-z0-9-]+)\.(?P<fmt>csv|xlsx|pdf)$",
        views.ReportExportView.as_view(),
        name="report_export",
    ),
]
