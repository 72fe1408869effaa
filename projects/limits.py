"""Bounds on what users and files may put into a plan, shared by the forms, the API and the importers."""

# The longest duration and the largest lag or lead accepted from users and files, in working days
# (about 380 years): far beyond any real plan, so a few extra digits typed by mistake are refused.
MAX_DURATION_DAYS = 100_000
MAX_LAG_DAYS = 100_000
# The longest task name, in characters (the Task model's max_length).
MAX_TASK_NAME_LENGTH = 200
# The largest lag or lead of a link in a project without both a start and a finish date, in working
# days: three years of five-day weeks. With both dates, the working days between them is the limit
# (projects.services.dependencies.dependency_lag_limit).
MAX_LAG_DAYS_WITHOUT_FINISH = 3 * 52 * 5

# Bounds on an uploaded XLSX workbook (a ZIP archive), checked before openpyxl parses any of it: a
# small upload can unpack to gigabytes. A plan of 10,000 rows as Excel or the export writes it unpacks
# to under 10 MB, its worksheet being the largest part; these bounds leave it several times that.
MAX_XLSX_PARTS = 1_000
# Each worksheet part, unpacked (read as a stream, row by row).
MAX_XLSX_WORKSHEET_BYTES = 32 * 1024 * 1024
# The shared strings part, unpacked (read as a stream), the number of texts in it, and the length of
# one text: Excel's own limit for a cell.
MAX_XLSX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
MAX_XLSX_SHARED_STRINGS = 200_000
MAX_CELL_CHARACTERS = 32_767
# Every other XML part (workbook, styles, relationships, properties), unpacked: these are parsed whole.
MAX_XLSX_PART_BYTES = 4 * 1024 * 1024
# All the parts together, unpacked, whatever their kind (pictures and other parts the import never
# reads count here only).
MAX_XLSX_TOTAL_BYTES = 64 * 1024 * 1024
# Columns read from each row of a worksheet or a CSV file; the plan format has 18, and cells further
# right are not read (a cell at column XFD would otherwise give every row 16,384 cells).
MAX_IMPORT_COLUMNS = 64
