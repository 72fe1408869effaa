from django.contrib.auth import views as auth_views
from django.urls import path

from governance import views as governance_views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("tokens/", governance_views.api_tokens, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", governance_views.api_token_revoke, name="api_token_revoke"),
]
