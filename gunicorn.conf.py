"""gunicorn's configuration, read from the working directory (the Dockerfile and docker-compose run it).

gunicorn writes "Server: gunicorn" on every answer and has no setting to leave it out; naming the
server only helps someone looking for its known flaws, so the header is dropped here. The command
line still gives the bind address, the workers and the access log.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _headers_without_server(self):
    return [header for header in _default_headers(self) if not header.lower().startswith("server:")]


wsgi.Response.default_headers = _headers_without_server
