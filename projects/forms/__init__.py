"""Forms of the projects pages, one module per page family: they parse input; the services decide."""
