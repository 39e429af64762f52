from django.urls import path, re_path

from courses.reports import targets, views

urlpatterns = [
    path("reports/", views.ReportsDashboardView.as_view(), name="reports"),
    path("reports/targets/", targets.TargetsView.as_view(), name="report_targets"),
    path(
        "reports/<slug:slug>/section/",
        views.ReportSectionView.as_view(),
        name="report_section",
    ),
    re_path(
        r"^reports/(?P<slug>[a-z0-9-]+)\.(?P<fmt>csv|xlsx|pdf)$",
        views.ReportExportView.as_view(),
        name="report_export",
    ),
]
