"""Explainer: curated YAML about actors, events, claims and sources -> a cited static site.

The pipeline, one module a stage: yamlio (load) -> validate (with schema) -> link (model)
-> render -> write. cli.py and mkdocs_plugin.py sit at the edges.
"""
