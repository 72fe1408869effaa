"""Writes of the projects app, one module per entity: each checks permission, validates, saves atomically."""
