"""Where a request comes from: the client's address, trusting proxies only as far as configured."""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address: REMOTE_ADDR, or X-Forwarded-For as TRUSTED_PROXY_COUNT proxies wrote it.

    Each trusted proxy appends the address it received the request from, so the client is the entry
    TRUSTED_PROXY_COUNT places from the right; anything further left was written by the client itself.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = _address_or_none(request.META.get("REMOTE_ADDR", ""))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return _address_or_none(forwarded[-proxies]) or remote  # else a misconfigured proxy chain


def _address_or_none(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
