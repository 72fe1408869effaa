"""The risk pages across projects, under /risks/: the portfolio view and the PMO's queue."""

from django.urls import path

from risks.views import portfolio

app_name = "risk_portfolio"

urlpatterns = [
    path("", portfolio.portfolio_risks_page, name="portfolio"),
    path("queue/", portfolio.risk_queue_page, name="queue"),
    path("queue/<int:risk_id>/sign-off/", portfolio.risk_sign_off, name="sign_off"),
]
