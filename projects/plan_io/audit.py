"""What the plan's file traffic leaves in the audit log (governance): exports, and imports either way.

Called by the pages and the API after the import service returned or refused: a refused import rolls
its transaction back, so its record is written outside it. The address comes from the request being
served (governance.services.audit_record).
"""

from governance.models import AuditKind, AuditOutcome, User
from governance.services import audit_record
from projects.models import Project
from projects.plan_io.imports import PlanImportResult
from projects.plan_io.rows import PlanImportError


def plan_export_audit(*, actor: User, project: Project, file_format: str, size: int) -> None:
    """Record that `actor` exported the plan of `project` as `file_format` (`size` bytes)."""
    audit_record(
        kind=AuditKind.PLAN_EXPORT,
        outcome=AuditOutcome.SUCCESS,
        user=actor,
        target=project,
        details={"format": file_format, "bytes": size},
    )


def plan_import_audit(
    *,
    actor: User,
    project: Project,
    file_name: str,
    result: PlanImportResult | None = None,
    error: PlanImportError | None = None,
) -> None:
    """Record an import: what it did (`result`), or that it was refused and with how many problems."""
    if result is not None:
        outcome = AuditOutcome.SUCCESS
        details = result.summary()
    else:
        outcome = AuditOutcome.FAILURE
        details = {"problems": error.total if error is not None else 0}
    audit_record(
        kind=AuditKind.PLAN_IMPORT,
        outcome=outcome,
        user=actor,
        target=project,
        details={"file_name": file_name, **details},
    )
