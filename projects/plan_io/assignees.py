"""Who a file's tasks are assigned to: the Assignee column checked against the project's people, and
MS Project resources mapped onto them."""

from django.utils.translation import gettext as _

from governance.models import User
from projects.models import Project, ProjectMembership
from projects.plan_io.rows import ImportProblem, PlanRows
from projects.plan_io.tabular.columns import ASSIGNEE, column_title
from projects.selectors.memberships import assignee_candidates


def file_assignees(project: Project, plan: PlanRows) -> tuple[dict[str, User], list[ImportProblem]]:
    """Users named in the Assignee column, checked in two queries: they must exist and be on the project."""
    usernames = {task.assignee_username for task in plan.tasks if task.assignee_username}
    if not usernames:
        return {}, []
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    allowed = set(ProjectMembership.objects.filter(project=project).values_list("user_id", flat=True))
    allowed.add(project.project_manager_id)
    problems = []
    for task in plan.tasks:
        username = task.assignee_username
        if not username:
            continue
        user = users.get(username)
        if user is None:
            problems.append(
                ImportProblem(
                    task.row,
                    column_title(ASSIGNEE),
                    _("there is no user “%(username)s”.") % {"username": username},
                )
            )
        elif user.pk not in allowed:
            problems.append(
                ImportProblem(
                    task.row,
                    column_title(ASSIGNEE),
                    _("“%(username)s” is neither the project manager nor a member of this project.")
                    % {"username": username},
                )
            )
    return users, problems


def _normal_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def resources_as_assignees(project: Project, plan: PlanRows) -> list[str]:
    """MSPDI: set each task's assignee to the first of its resources that names an assignable person.

    A resource names a person by username or full name ("Wei Li", "Li Wei" or "LiWei" for first name
    Wei, last name Li). Returns the report lines: the names that were not mapped, tasks with several.
    One query (the people who may be assigned).
    """
    names = {name for task in plan.tasks for name in task.resource_names}
    if not names:
        return []
    people: dict[str, User] = {}
    for user in assignee_candidates(project=project):
        first, last = user.first_name, user.last_name
        for key in (user.username, f"{first} {last}", f"{last} {first}", f"{last}{first}"):
            if _normal_name(key):
                people.setdefault(_normal_name(key), user)
    unmapped: set[str] = set()
    several = []
    for task in plan.tasks:
        mapped = []
        for name in task.resource_names:
            user = people.get(_normal_name(name))
            if user is None:
                unmapped.add(name)
            elif user not in mapped:
                mapped.append(user)
        if mapped:
            task.assignee_username = mapped[0].username
        if len(mapped) > 1:
            several.append(task.name)
    warnings = []
    if unmapped:
        warnings.append(
            _(
                "No project manager or member of this project goes by these resource names, so they "
                "were not made assignees: %(names)s."
            )
            % {"names": ", ".join(sorted(unmapped))}
        )
    if several:
        warnings.append(
            _("%(count)s task(s) have several people as resources; each went to the first of them.")
            % {"count": len(several)}
        )
    return warnings
