"""Reports: every plugin's ``ReportSpec`` as a page (HTML table with its chart) and as CSV.

Plugins declare what to count (``register_reports``); core asks for the period or other
parameters with the report's own schema, runs it read-only and draws it. A report is shown only
to accounts holding its permission.
"""
