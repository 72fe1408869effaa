"""Forms of the risks app, one module per page family."""
