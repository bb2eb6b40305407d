"""Stage 1, content: YAML files in, checked fields out, every problem located (file, line, column).

yamlio reads (one loader for everything), schema declares the fields (with vocab's values and
rules' cross-field rules) out of the types in types, text and obj, validate checks a file against
it in one walk over its nodes, values holds what checking produces, diagnostics what went wrong;
patterns, files, hosts and sameness are the checks' helpers. Nothing here knows about pages.
"""
