from django.urls import path

from competencies import move_views, views

urlpatterns = [
    path("my-training/", views.MyTrainingView.as_view(), name="my_training"),
    path("agency/staff/", views.AgencyStaffView.as_view(), name="agency_staff"),
    path("agency/moves/", move_views.AgencyMovesView.as_view(), name="agency_moves"),
    path(
        "agency/moves/<int:pk>/<str:decision>/",
        move_views.MoveDecisionView.as_view(),
        name="agency_move_decide",
    ),
]
