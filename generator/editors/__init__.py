"""Editors' tools over the same stages: fmt, scaffold (`explainer new`), changes (`explainer
diff`), schema_export (JSON Schemas for editors' IDEs), editor_docs (CONTRIBUTING.md's
reference), ghsummary (GitHub annotations and job summary) and linkcheck.
"""
