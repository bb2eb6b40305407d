"""Stage 2, model: checked fields in, one linked model out (resolved objects, never ids).

link resolves references and builds the backlinks, entities holds the linked dataclasses, views
derives what pages show (orders, groups, counts), urls gives each entity its one URL, quotes
verifies quoted words against the archived sources. Nothing here writes a file.
"""
