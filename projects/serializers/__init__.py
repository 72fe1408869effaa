"""Serializers of the projects API, one module per entity: input serializers parse and type-check,
output serializers render; the services decide.
"""
