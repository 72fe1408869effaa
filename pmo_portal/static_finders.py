"""The front-end libraries installed from npm, served as static files without copying them into the repo.

STATICFILES_DIRS would publish a package's whole dist folder (ECharts' is 120 MB with its source maps
and compressed copies after collectstatic); this finder publishes only the files NPM_STATIC_FILES names,
for runserver, WhiteNoise (which asks the finders outside production) and collectstatic alike.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage


class NpmFileFinder(finders.BaseFinder):
    """Finds each file of settings.NPM_STATIC_FILES ({static path: path under node_modules})."""

    def __init__(self, *args, **kwargs):
        root = Path(settings.BASE_DIR) / "node_modules"
        self.sources = {
            static_path: root / source
            for static_path, source in getattr(settings, "NPM_STATIC_FILES", {}).items()
        }

    def check(self, **kwargs):
        return [
            CheckWarning(
                f"{source} is missing: run `npm ci` (make run and make test do) to install it.",
                id="pmo_portal.W001",
            )
            for source in self.sources.values()
            if not source.is_file()
        ]

    def find(self, path, find_all=False, **kwargs):
        find_all = self._check_deprecated_find_param(find_all=find_all, **kwargs) if kwargs else find_all
        source = self.sources.get(path)
        if source is None or not source.is_file():
            return []  # what Django's own finders answer for "not here", whatever find_all says
        finders.searched_locations.append(str(source.parent))
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns):
        for static_path, source in self.sources.items():
            if source.is_file():
                prefix, _slash, name = static_path.rpartition("/")
                storage = FileSystemStorage(location=source.parent)
                storage.prefix = prefix
                yield name, storage
