"""Rendering: rich terminal views and matplotlib charts of the pipeline's records."""
