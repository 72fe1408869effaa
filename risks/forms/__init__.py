"""Forms of the risks app pages."""
