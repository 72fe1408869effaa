"""Writes of a project's deliverables: a draft (a file or an https link), submitting it, accepting or
returning it. The PM works on them; PMO staff review them (under a supportive PMO the PM may accept)."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import policy
from governance.models import User
from projects.models import Deliverable, DeliverableState, PlanEventKind, Project
from projects.selectors.gates import project_gates
from projects.selectors.projects import project_pmo_type, user_may_edit_project
from projects.services.history.events import record_plan_event

ALLOWED_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "png", "jpg", "txt", "md", "csv", "zip")
# What the first bytes of a file of each type must be; the text types must read as UTF-8 text.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "zip": (b"PK\x03\x04", b"PK\x05\x06"),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
}
TEXT_EXTENSIONS = ("txt", "md", "csv")


def _check_file(upload: UploadedFile) -> None:
    """Refuse a file over the size limit, of a type not allowed, or whose content is not of its type."""
    limit = settings.DELIVERABLE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}}
        )
    extension = PurePosixPath(upload.name or "").suffix.lower().removeprefix(".")
    if extension == "jpeg":
        extension = "jpg"
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            {
                "file": _("This type of file is not allowed; allowed: %(types)s.")
                % {"types": ", ".join(ALLOWED_EXTENSIONS)}
            }
        )
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if extension in SIGNATURES and not head.startswith(SIGNATURES[extension]):
        raise ValidationError({"file": _("The file's content is not a .%(ext)s file.") % {"ext": extension}})
    if extension in TEXT_EXTENSIONS:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A cut at the end of the sample may split a character: only a fault before it counts.
            if error.start < len(head) - 3:
                raise ValidationError({"file": _("The file's content is not text.")}) from error
        if b"\x00" in head:
            raise ValidationError({"file": _("The file's content is not text.")})


def _required_kinds(project: Project) -> set[str]:
    return {kind for gate in project_gates(project) for kind in gate.required_deliverables}


def _locked_deliverable(deliverable: Deliverable) -> Deliverable:
    return Deliverable.objects.select_for_update().select_related("project__portfolio").get(pk=deliverable.pk)


@transaction.atomic
def deliverable_save(
    *,
    actor: User,
    project: Project,
    kind: str,
    file: UploadedFile | None = None,
    link: str = "",
    note: str = "",
) -> Deliverable:
    """Save the project's draft of a required deliverable: a file upload or an https link.

    A new file or link on a submitted or accepted deliverable makes it a draft again.
    """
    if not user_may_edit_project(user=actor, project=project):
        raise PermissionDenied(_("You are not allowed to edit this project."))
    if kind not in _required_kinds(project):
        raise ValidationError({"kind": _("The project's methodology does not require this deliverable.")})
    if file is None and not link:
        raise ValidationError({"file": _("Upload a file or give a link.")})
    if file is not None and link:
        raise ValidationError({"link": _("Give a file or a link, not both.")})
    if file is not None:
        _check_file(file)
    deliverable = Deliverable.objects.select_for_update().filter(
        project=project, kind=kind
    ).first() or Deliverable(project=project, kind=kind)
    deliverable.state = DeliverableState.DRAFT
    deliverable.link = link
    deliverable.note = note
    deliverable.accepted_by = deliverable.accepted_at = None
    deliverable.submitted_by = deliverable.submitted_at = None
    if file is None:
        deliverable.file = ""
    deliverable.full_clean()
    if file is not None:
        deliverable.file.save(PurePosixPath(file.name).name, file, save=False)
    deliverable.save()
    return deliverable


@transaction.atomic
def deliverable_submit(*, actor: User, deliverable: Deliverable) -> Deliverable:
    """The PM hands a draft in for review."""
    deliverable = _locked_deliverable(deliverable)
    if not user_may_edit_project(user=actor, project=deliverable.project):
        raise PermissionDenied(_("You are not allowed to edit this project."))
    if deliverable.state != DeliverableState.DRAFT:
        raise ValidationError({"state": _("Only a draft can be submitted.")})
    deliverable.state = DeliverableState.SUBMITTED
    deliverable.submitted_by = actor
    deliverable.submitted_at = timezone.now()
    deliverable.save()
    return deliverable


def _review(*, actor: User, deliverable: Deliverable, accept: bool, comment: str) -> Deliverable:
    deliverable = _locked_deliverable(deliverable)
    project = deliverable.project
    pmo_type = project_pmo_type(project)
    if not policy.may_accept_deliverable(
        actor, pmo_type=pmo_type, project_manager_id=project.project_manager_id
    ):
        raise PermissionDenied(_("You are not allowed to review this deliverable."))
    # Under a supportive PMO a draft may be accepted straight away; otherwise it is submitted first.
    allowed = [DeliverableState.SUBMITTED]
    if accept and policy.gate_review_is_advisory(pmo_type):
        allowed.append(DeliverableState.DRAFT)
    if deliverable.state not in allowed:
        raise ValidationError({"state": _("This deliverable is not waiting for a review.")})
    deliverable.review_comment = (comment or "").strip()
    if accept:
        deliverable.state = DeliverableState.ACCEPTED
        deliverable.accepted_by = actor
        deliverable.accepted_at = timezone.now()
    else:
        if not deliverable.review_comment:
            raise ValidationError({"comment": _("Say what is missing: returning needs a comment.")})
        deliverable.state = DeliverableState.DRAFT
    deliverable.full_clean()
    deliverable.save()
    record_plan_event(
        project=project,
        actor=actor,
        kind=PlanEventKind.DELIVERABLE_REVIEWED,
        subject=str(deliverable.get_kind_display()),
        details={"decision": "accepted" if accept else "returned", "comment": deliverable.review_comment},
    )
    return deliverable


@transaction.atomic
def deliverable_accept(*, actor: User, deliverable: Deliverable, comment: str = "") -> Deliverable:
    """The reviewer accepts a submitted deliverable (PMO staff; under a supportive PMO the PM too)."""
    return _review(actor=actor, deliverable=deliverable, accept=True, comment=comment)


@transaction.atomic
def deliverable_return(*, actor: User, deliverable: Deliverable, comment: str) -> Deliverable:
    """The reviewer sends a submitted deliverable back to draft, saying what is missing."""
    return _review(actor=actor, deliverable=deliverable, accept=False, comment=comment)
