from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

from pmo_portal import views
from pmo_portal.api import not_found
from pmo_portal.api_views import ApiDocsView

api_patterns = [
    path("", include("projects.api_urls")),
    # For signed-in people only: the schema answers 401 to others, the docs page sends them to sign in.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"),
    path(
        "docs/",
        login_required(
            ApiDocsView.as_view(
                url_name="api:schema", template_name="api_docs.html", permission_classes=[IsAuthenticated]
            )
        ),
        name="docs",
    ),
    path("", include("governance.api_urls")),
    path("", include("risks.api_urls")),
    path("", include("reports.api_urls")),
    # Last: any other address under /api/ answers 404 in the API's error shape, not as a page; [\s\S]
    # rather than ".", so that an address with a line break in it does not fall through to the pages.
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("pmo_portal.account_urls")),
    path("accounts/", include("governance.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("governance/", include("governance.urls")),
    path("projects/", include("projects.urls")),
    # A project's risk register and issue log, under the project's address.
    path("projects/", include("risks.urls")),
    # The risk pages across projects: the portfolio view and the PMO's queue.
    path("risks/", include("risks.portfolio_urls")),
    # The schedule-risk page, the reminders and the register's exports (risks.schedule_risk_urls).
    path("", include("risks.schedule_risk_urls")),
    # The dashboards, the roadmap and the PMO's performance (after the projects app's own pages).
    path("", include("reports.urls")),
    path("api/", include((api_patterns, "api"))),
]

handler403 = "pmo_portal.views.permission_denied"
handler404 = "pmo_portal.views.page_not_found"
