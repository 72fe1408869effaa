"""Pointing the Celery app at another broker in a test, and back."""

from contextlib import contextmanager


def forget_celery_connections(app) -> None:
    """Drop the broker pool and result backend the app cached, so they follow the new configuration.

    Earlier tests may already have built them from the settings (memory broker, cache backend).
    """
    # Only references are dropped: kombu keeps pools in a registry per URL, and a closed one would be
    # handed back the next time the same URL is used.
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@contextmanager
def broker_unreachable(app):
    """Inside the block the web side publishes to a broker nobody listens on, as when Redis is down.

    The worker thread keeps the connection it consumes on; leaving the block restores the broker, as
    when Redis returns.
    """
    saved = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:9/0"  # the discard port: nothing accepts connections there
    forget_celery_connections(app)
    try:
        yield
    finally:
        app.conf.broker_url = saved
        forget_celery_connections(app)
