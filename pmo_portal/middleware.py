"""Site-wide response rules that no single view owns."""

from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in person or to an API credential.

    Such answers carry project data, which no shared cache and no browser history may keep. Static files
    never get here: WhiteNoise answers them earlier, with their own long-lived caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The header first: an API client's request then costs no session look-up here.
        if (
            "Authorization" in request.headers
            or getattr(request, "user", None)
            and request.user.is_authenticated
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
