"""What every page's navigation needs to know of the signed-in person, decided by the PMO's policy."""

from governance import policy


def navigation(request) -> dict[str, bool]:
    # The rules live in policy; templates only read their answers.
    return {
        "may_view_pmo_settings": policy.may_view_pmo_settings(request.user),
        "may_read_audit_log": policy.may_read_audit_log(request.user),
        "may_view_compliance_overview": policy.may_view_compliance_overview(request.user),
        "may_view_pmo_performance": policy.may_view_pmo_performance(request.user),
        "may_view_portfolio_dashboard": policy.may_view_portfolio_dashboard(request.user),
        "may_view_portfolio_risks": policy.may_view_portfolio_risks(request.user),
    }
