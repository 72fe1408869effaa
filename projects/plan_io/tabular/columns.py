"""The columns of the tabular plan format (CSV and XLSX share it; see projects.plan_io) and their limits.

A column is named by its English title (the constants below), which is also its key inside the reader.
Headers are recognised in English and Simplified Chinese alike, with any case, any spacing and full- or
half-width brackets (工期（天）, 工期(天), 工期 (天)); exports write the titles of the active language.
"""

import unicodedata
from decimal import Decimal

from django.utils.translation import pgettext, pgettext_lazy

WBS = "WBS"
NAME = "Name"
MILESTONE = "Milestone"
DURATION = "Duration (days)"
START = "Start"
FINISH = "Finish"
PERCENT_COMPLETE = "% Complete"
PLANNED_COST = "Planned cost"
ASSIGNEE = "Assignee"
PREDECESSORS = "Predecessors"
CONSTRAINT = "Constraint"
CONSTRAINT_DATE = "Constraint date"
ACTUAL_START = "Actual start"
ACTUAL_FINISH = "Actual finish"
NOTES = "Notes"
MANUAL = "Manual"
TASK_ID = "Task ID"
# The task's version when the file was exported: an update refuses rows whose task changed since.
VERSION = "Version"

COLUMNS = (
    WBS,
    NAME,
    MILESTONE,
    DURATION,
    START,
    FINISH,
    PERCENT_COMPLETE,
    PLANNED_COST,
    ASSIGNEE,
    PREDECESSORS,
    CONSTRAINT,
    CONSTRAINT_DATE,
    ACTUAL_START,
    ACTUAL_FINISH,
    NOTES,
    MANUAL,
    TASK_ID,
    VERSION,
)
REQUIRED_COLUMNS = (WBS, NAME)

# The titles written on export, by column; the zh-Hans catalog gives the words Chinese PMOs use
# (MS Project's Chinese edition: 名称, 工期, 前置任务, 开始, 完成, 资源名称 ...).
_TITLES = {
    WBS: pgettext_lazy("plan file column", "WBS"),
    NAME: pgettext_lazy("plan file column", "Name"),
    MILESTONE: pgettext_lazy("plan file column", "Milestone"),
    DURATION: pgettext_lazy("plan file column", "Duration (days)"),
    START: pgettext_lazy("plan file column", "Start"),
    FINISH: pgettext_lazy("plan file column", "Finish"),
    PERCENT_COMPLETE: pgettext_lazy("plan file column", "% Complete"),
    PLANNED_COST: pgettext_lazy("plan file column", "Planned cost"),
    ASSIGNEE: pgettext_lazy("plan file column", "Assignee"),
    PREDECESSORS: pgettext_lazy("plan file column", "Predecessors"),
    CONSTRAINT: pgettext_lazy("plan file column", "Constraint"),
    CONSTRAINT_DATE: pgettext_lazy("plan file column", "Constraint date"),
    ACTUAL_START: pgettext_lazy("plan file column", "Actual start"),
    ACTUAL_FINISH: pgettext_lazy("plan file column", "Actual finish"),
    NOTES: pgettext_lazy("plan file column", "Notes"),
    MANUAL: pgettext_lazy("plan file column", "Manual"),
    TASK_ID: pgettext_lazy("plan file column", "Task ID"),
    VERSION: pgettext_lazy("plan file column", "Version"),
}

# Other spellings accepted in a header, in either language (compared by `header_key`).
_ALIASES = {
    WBS: ("WBS code", "WBS 编码", "WBS 编号", "工作分解结构", "大纲数字", "大纲编号"),
    NAME: ("Task name", "名称", "任务名称", "任务"),
    MILESTONE: ("里程碑",),
    DURATION: (
        "Duration",
        "Duration (working days)",
        "工期",
        "工期（天）",
        "工期（工作日）",
        "持续时间",
        "持续时间（天）",
    ),
    START: ("开始", "开始时间", "开始日期", "计划开始"),
    FINISH: ("完成", "完成时间", "完成日期", "结束", "结束时间", "结束日期", "计划完成"),
    PERCENT_COMPLETE: ("Percent complete", "Complete", "完成百分比", "% 完成", "完成率", "进度"),
    PLANNED_COST: ("Cost", "计划成本", "成本", "预算"),
    ASSIGNEE: ("Assignee (username)", "负责人", "责任人", "执行人"),
    PREDECESSORS: ("前置任务", "紧前任务"),
    CONSTRAINT: ("Constraint type", "限制类型", "约束类型", "约束"),
    CONSTRAINT_DATE: ("限制日期", "约束日期"),
    ACTUAL_START: ("实际开始", "实际开始时间", "实际开始日期"),
    ACTUAL_FINISH: ("实际完成", "实际完成时间", "实际完成日期"),
    NOTES: ("备注", "注释", "说明"),
    MANUAL: ("Manually scheduled", "手动计划", "手动", "手动安排"),
    TASK_ID: ("ID", "Unique ID", "任务 ID", "任务编号", "标识号", "唯一标识号"),
    VERSION: ("Task version", "版本", "版本号", "任务版本"),
}


def header_key(title: str) -> str:
    """A header cell as compared: NFKC (full-width brackets and letters become half-width), no spaces,
    lower case."""
    return "".join(unicodedata.normalize("NFKC", title).split()).lower()


_CANONICAL = {header_key(column): column for column in COLUMNS} | {
    header_key(alias): column for column, aliases in _ALIASES.items() for alias in aliases
}


def canonical_column(title: str) -> str | None:
    """The column a header cell names, in English or Chinese (any case, spacing or bracket width)."""
    return _CANONICAL.get(header_key(title)) or column_title_key(title) or None


def column_title_key(title: str) -> str:
    """The column whose title in the active language is `title` (a translation not listed above)."""
    key = header_key(title)
    return next((column for column, text in _TITLES.items() if header_key(str(text)) == key), "")


def column_title(column: str) -> str:
    """The column's title in the active language (what export writes and problem reports name)."""
    title = _TITLES.get(column)
    return str(title) if title is not None else column


def header_titles() -> list[str]:
    """The header row of an export, in the active language."""
    return [column_title(column) for column in COLUMNS]


def yes_no_word(value: bool) -> str:
    """Yes or No in the active language, as export writes the Milestone and Manual columns."""
    return pgettext("plan file", "Yes") if value else pgettext("plan file", "No")


# Text starting with one of these is a formula to a spreadsheet: export guards it, import unguards it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_COST = Decimal("1e12")
