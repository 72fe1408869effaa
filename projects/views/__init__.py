"""Pages of the projects app, one module per page family: adapters that parse, call one service or
selector, and render. Permission problems surface as 403 for what the user can see and 404 for what
they cannot, so a hidden project's existence is never revealed.
"""
