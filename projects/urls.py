from django.urls import include, path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:project_id>/", views.project_detail, name="detail"),
    path("<int:project_id>/edit/", views.project_edit, name="edit"),
    path("<int:project_id>/plan/", include("projects.plan_urls")),
    path("<int:project_id>/team/add/", views.membership_add, name="membership_add"),
    path(
        "<int:project_id>/team/<int:membership_id>/role/", views.membership_change, name="membership_change"
    ),
    path(
        "<int:project_id>/team/<int:membership_id>/remove/", views.membership_remove, name="membership_remove"
    ),
]
