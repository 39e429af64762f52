from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from competencies.accounts import views as accounts_views
from competencies.admin_exports import admin_report_urlpatterns
from competencies.case_uris import CASE_PATH

urlpatterns = [
    # Wagtail's reports, their exports written by our one spreadsheet writer: ahead of
    # Wagtail's admin so these replace its own (competencies.admin_exports).
    path(
        "admin/reports/",
        include((admin_report_urlpatterns, "admin_reports")),
    ),
    # Ahead of Wagtail's own: its logout signed the browser out on a refused GET.
    path(
        "admin/logout/",
        accounts_views.AdminLogoutView.as_view(),
        name="wagtailadmin_logout",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    # Accounts and privacy (issue 8): registration, invitations, personal-data downloads.
    # Before django.contrib.auth.urls and the apps so its /accounts/ paths win.
    path("", include("competencies.accounts.urls")),
    path(
        "accounts/password_reset/",
        accounts_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("cms.urls")),
    path("", include("courses.reports.urls")),
    # courses before competencies: it extends /my-training/ with bookings and certificates.
    path("", include("courses.urls")),
    path("", include("competencies.urls")),
    # CASE 1.1 provider API (public, read-only); its base path is competencies.case_uris's.
    path(CASE_PATH.strip("/") + "/", include("competencies.case.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it matches every remaining path.
urlpatterns += [path("", include(wagtail_urls))]
