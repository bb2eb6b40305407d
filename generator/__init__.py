"""Explainer: curated YAML about actors, events, claims and sources -> a cited static site.

The pipeline, one subpackage a stage: content (yamlio -> validate, with schema) -> model
(link) -> site (render -> write). The edges sit at the top: pipeline.py runs the stages,
cli.py (with build.py) and mkdocs_plugin.py call it; editors/ holds the editors' tools over the same stages.
A module imports only from its own stage or an earlier one.
"""
