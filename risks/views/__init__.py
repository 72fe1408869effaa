"""HTML pages of the risks app, one module per page family."""
