"""/ims/case/v1p1/...: the paths competencies.case_uris builds (Open Badges alignments too)."""

from django.urls import path

from competencies.case import views

app_name = "case"

urlpatterns = [
    path("CFDocuments", views.DocumentsView.as_view(), name="documents"),
    path("CFDocuments/<str:sourced_id>", views.DocumentView.as_view(), name="document"),
    path("CFPackages/<str:sourced_id>", views.PackageView.as_view(), name="package"),
    path("CFItems/<str:sourced_id>", views.ItemView.as_view(), name="item"),
    path(
        "CFAssociations/<str:sourced_id>",
        views.AssociationView.as_view(),
        name="association",
    ),
]
