from django.urls import path

from competencies import views

urlpatterns = [
    path("my-training/", views.MyTrainingView.as_view(), name="my_training"),
    path("agency/staff/", views.AgencyStaffView.as_view(), name="agency_staff"),
]
