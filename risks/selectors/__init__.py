"""Reads of the risk register and the issue log that depend on who is asking, and the register's figures;
the plain facts the risk policy is asked with in selectors.facts."""
