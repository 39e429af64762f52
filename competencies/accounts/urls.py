"""Accounts and privacy URLs. config/urls.py includes these at the root, before
django.contrib.auth.urls, so /accounts/register/ and friends win."""

from django.urls import path, re_path

from competencies.accounts import link_views, views

app_name = "accounts"

urlpatterns = [
    path("accounts/register/", views.RegisterView.as_view(), name="register"),
    path(
        "accounts/register/sent/",
        views.RegisterSentView.as_view(),
        name="register_sent",
    ),
    path(
        "accounts/confirm/<uidb64>/<token>/",
        views.ConfirmView.as_view(),
        name="confirm",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        views.InvitationView.as_view(),
        name="invitation",
    ),
    path(
        "accounts/invitation/done/",
        views.InvitationDoneView.as_view(),
        name="invitation_done",
    ),
    path(
        "accounts/link-request/",
        link_views.LinkRequestView.as_view(),
        name="link_request",
    ),
    path(
        "accounts/link-request/sent/",
        link_views.LinkRequestSentView.as_view(),
        name="link_request_sent",
    ),
    path(
        "agency/link-requests/",
        link_views.LinkRequestListView.as_view(),
        name="link_requests",
    ),
    path(
        "agency/link-requests/<int:pk>/",
        link_views.LinkRequestDetailView.as_view(),
        name="link_request_detail",
    ),
    path(
        "agency/staff/<int:pk>/account/",
        views.StaffAccountView.as_view(),
        name="staff_account",
    ),
    path(
        "agency/staff/<int:pk>/invite/",
        views.StaffInviteView.as_view(),
        name="staff_invite",
    ),
    re_path(
        r"^agency/staff/(?P<pk>[0-9]+)/data\.(?P<fmt>json|csv)$",
        views.StaffDataView.as_view(),
        name="staff_data",
    ),
    path(
        "agency/staff/<int:pk>/erase/",
        views.StaffEraseView.as_view(),
        name="staff_erase",
    ),
    re_path(
        r"^my-training/data\.(?P<fmt>json|csv)$",
        views.MyDataView.as_view(),
        name="my_data",
    ),
]
