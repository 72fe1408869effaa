"""Serializers of the risks API, one module per entity family."""
