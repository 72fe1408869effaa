"""What every page's navigation needs to know of the signed-in person, decided by the PMO's policy."""

from governance import policy


def navigation(request) -> dict[str, bool]:
    # The rule lives in policy; templates only read its answer.
    return {"may_view_pmo_settings": policy.may_view_pmo_settings(request.user)}
