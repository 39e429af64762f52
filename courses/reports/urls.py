from django.urls import path, re_path

from courses.reports import views

urlpatterns = [
    path("reports/", views.ReportsDashboardView.as_view(), name="reports"),
    re_path(
        r"^reports/(?P<slug>[a-z0-9-]+)\.(?P<fmt>csv|xlsx|pdf)$",
        views.ReportExportView.as_view(),
        name="report_export",
    ),
]
