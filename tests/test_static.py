"""Static files: served by whitenoise, compressed, cached for a year behind content-hashed URLs."""

import re
from pathlib import Path

STATIC = Path(__file__).parent.parent / "static"


def test_pages_link_assets_with_a_content_hash(client):
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert links
    assert all(re.search(r"\?v=[0-9a-f]{12}$", link) for link in links), links


def test_assets_are_cached_for_a_year(client):
    response = client.get("/static/css/jobbes.css")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_assets_are_sent_compressed_to_browsers_that_accept_it(client):
    assert (STATIC / "css/jobbes.css.gz").exists(), "run `make static` to compress"
    response = client.get("/static/css/jobbes.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_vendored_files_are_documented_with_version_and_licence():
    readme = (STATIC / "vendor/README.md").read_text()
    for folder in (p for p in (STATIC / "vendor").iterdir() if p.is_dir()):
        assert (folder / "LICENSE").exists(), folder
        assert f"`{folder.name}/`" in readme, folder
