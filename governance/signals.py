"""What the audit log hears of: sign-ins and their failures, sign-outs, lockouts and refused requests.

Connected once by GovernanceConfig.ready(). Each receiver only hands the facts to
governance.services.audit_record; nothing else happens in a signal.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ObjectDoesNotExist
from django.dispatch import receiver

from governance.models import AuditKind, AuditOutcome
from governance.services import audit_record
from pmo_portal.signals import request_refused

# The URL arguments that name the object a refused request was about, most specific first.
OBJECT_ARGUMENTS = ("pk", "membership_id", "task_id", "object_id", "project_id")


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def _signed_in(sender, request, user, **kwargs):
    audit_record(kind=AuditKind.SIGN_IN, outcome=AuditOutcome.SUCCESS, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def _signed_out(sender, request, user, **kwargs):
    audit_record(kind=AuditKind.SIGN_OUT, outcome=AuditOutcome.SUCCESS, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the name tried is kept.
    tried = str(credentials.get(get_user_model().USERNAME_FIELD, "") or credentials.get("username", ""))
    audit_record(
        kind=AuditKind.SIGN_IN_FAILED,
        outcome=AuditOutcome.FAILURE,
        request=request,
        username=tried,
    )


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    audit_record(
        kind=AuditKind.LOCKOUT,
        outcome=AuditOutcome.DENIED,
        request=request,
        username=str(username or ""),
    )


def _model_name(error) -> str:
    """ "project" for Project.DoesNotExist, "" for anything else."""
    if isinstance(error, ObjectDoesNotExist):
        return type(error).__qualname__.split(".")[0].lower()
    return ""


@receiver(request_refused, dispatch_uid="audit_refusal")
def _refused(sender, request, status, error=None, view_kwargs=None, **kwargs):
    view_kwargs = view_kwargs or {}
    named = next((name for name in OBJECT_ARGUMENTS if name in view_kwargs), None)
    object_type = _model_name(error)
    if not object_type and named and named.endswith("_id") and named != "object_id":
        object_type = named.removesuffix("_id")
    if not object_type and named == "pk":
        # API routes name their object: "project-detail", "task-indent".
        match = getattr(request, "resolver_match", None)
        object_type = (getattr(match, "url_name", "") or "").split("-")[0]
    audit_record(
        kind=AuditKind.OBJECT_HIDDEN if status == 404 else AuditKind.ACCESS_DENIED,
        outcome=AuditOutcome.DENIED,
        request=request,
        object_type=object_type,
        object_id=view_kwargs.get(named, "") if named else "",
        details={"status": status, "method": getattr(request, "method", "")},
    )
