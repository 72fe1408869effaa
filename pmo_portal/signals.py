"""Signals of the site, plain Django: importing them pulls in no DRF, so an app's ready() may."""

from django.dispatch import Signal

# Sent with request, status (403 or 404), error (the exception) and view_kwargs (the URL's arguments)
# whenever an API endpoint or a page refuses a request for an object. Unknown addresses are not sent.
request_refused = Signal()
