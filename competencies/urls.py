from django.urls import path

from competencies import agency_views, move_views, views

urlpatterns = [
    path("my-training/", views.MyTrainingView.as_view(), name="my_training"),
    path("agency/staff/", agency_views.AgencyStaffView.as_view(), name="agency_staff"),
    path(
        "agency/staff/<int:pk>/",
        agency_views.AgencyStaffDetailView.as_view(),
        name="agency_staff_detail",
    ),
    path("agency/moves/", move_views.AgencyMovesView.as_view(), name="agency_moves"),
    path(
        "agency/moves/<int:pk>/<str:decision>/",
        move_views.MoveDecisionView.as_view(),
        name="agency_move_decide",
    ),
]
