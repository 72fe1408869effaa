"""A person's own account pages beside Django's sign-in (pmo_portal.account_urls): their API tokens."""

from django.urls import path

from governance import views

urlpatterns = [
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
