"""Excel in and out, as one module for callers that knew it as one (``groupcheck.excel``).

Reading rotation registers is ``groupcheck.importers.register``; writing a run's report as a
workbook or CSV is ``groupcheck.reporters.spreadsheet``.
"""

from __future__ import annotations

from groupcheck.importers.register import (
    FALSE_WORDS,
    HEADERS,
    REQUIRED,
    TRUE_WORDS,
    BadRow,
    Imported,
    RegisterError,
    open_workbook,
    parse_date,
    read_register,
    rotation_log_yaml,
    to_serial,
)
from groupcheck.messages import text
from groupcheck.reporters.spreadsheet import (
    MAX_WIDTH,
    TABLES,
    YUAN_COLUMNS,
    Cell,
    Table,
    column_title,
    csv_paths,
    csv_text,
    display_width,
    tables,
    xlsx_bytes,
)

__all__ = [
    "FALSE_WORDS",
    "HEADERS",
    "MAX_WIDTH",
    "REQUIRED",
    "TABLES",
    "TRUE_WORDS",
    "YUAN_COLUMNS",
    "BadRow",
    "Cell",
    "Imported",
    "RegisterError",
    "Table",
    "column_title",
    "csv_paths",
    "csv_text",
    "display_width",
    "open_workbook",
    "parse_date",
    "read_register",
    "rotation_log_yaml",
    "tables",
    "text",
    "to_serial",
    "xlsx_bytes",
]
