"""Moodle competency frameworks: the CSV that Moodle's "Import competency framework" tool
(tool_lpimportcsv) reads and writes, imported as a new framework and exported for Moodle.

columns (the fourteen columns and their names), html (descriptions to plain text and back),
reader (a file checked into a plan, errors by row and column), services (the plan written in
one transaction), exporter (a framework as Moodle's CSV). The mapping is in docs/standards.md.
"""
