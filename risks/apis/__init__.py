"""REST endpoints of the risks app, one module per entity family."""
