"""Front-end libraries from npm: only the files NPM_STATIC_FILES names are served, from node_modules."""

import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from pmo_portal.static_finders import NpmFileFinder

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_echarts_is_found_in_node_modules_under_its_prefix():
    found = finders.find("vendor/echarts/echarts.min.js")

    assert Path(found) == REPO_ROOT / "node_modules" / "echarts" / "dist" / "echarts.min.js"
    assert [(name, storage.prefix) for name, storage in NpmFileFinder().list(None)] == [
        ("echarts.min.js", "vendor/echarts")
    ]


def test_the_rest_of_the_package_is_not_published(client):
    assert finders.find("vendor/echarts/echarts.js") is None
    assert client.get(static("vendor/echarts/echarts.js")).status_code == 404
    assert client.get(static("vendor/echarts/echarts.min.js")).status_code == 200


def test_the_pinned_version_is_the_one_installed():
    pinned = json.loads((REPO_ROOT / "package.json").read_text())["dependencies"]["echarts"]
    installed = json.loads((REPO_ROOT / "node_modules" / "echarts" / "package.json").read_text())["version"]
    assert pinned == installed
