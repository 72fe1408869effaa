"""REST endpoints of the projects app, one module per entity: adapters that parse, call one service or
selector, and serialize. Lists come from the selectors, so nobody lists rows they may not see; a hidden
object answers 404 like an unknown one; a visible object the user may not change answers 403 (the
services decide). Errors take the one shape of pmo_portal.api.
"""
