"""Reads of the projects app that depend on who is asking, one module per entity or page family."""
