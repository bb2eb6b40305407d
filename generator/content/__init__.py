"""Stage 1, content: YAML files in, checked fields out, every problem located (file, line, column).

yamlio reads (one loader for everything), schema declares the fields, validate checks a file
against it, diagnostics carries what went wrong; files, hosts and sameness are the checks'
helpers. Nothing here knows about pages.
"""
