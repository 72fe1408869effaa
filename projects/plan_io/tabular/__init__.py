"""The tabular plan format, CSV and XLSX alike: its columns, the cell parsers, the reader and the writer."""
