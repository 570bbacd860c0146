"""Static files: served by whitenoise, compressed, cached for a year behind content-hashed URLs."""

import gzip
import os
import re
from pathlib import Path

from jobbes import css_bundle

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
    assert "immutable" in response.headers["Cache-Control"]  # not asked again on a reload


def test_assets_are_sent_compressed_to_browsers_that_accept_it(client):
    assert (STATIC / "css/jobbes.css.gz").exists(), "run `make static` to compress"
    response = client.get("/static/css/jobbes.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_vendored_files_are_documented_with_version_and_licence():
    readme = (STATIC / "vendor/README.md").read_text()
    for folder in (p for p in (STATIC / "vendor").iterdir() if p.is_dir()):
        assert (folder / "LICENSE").exists(), folder
        assert f"`{folder.name}/`" in readme, folder


def test_pages_link_one_stylesheet(client):
    page = client.get("/listings").get_data(as_text=True)
    assert re.findall(r'rel="stylesheet" href="([^"?]+)', page) == ["/static/build/site.css"]


def test_the_stylesheet_keeps_what_jobbes_uses_and_leaves_out_what_it_does_not():
    used = css_bundle.used_classes()
    css = "@layer ds.components{.ds-button{color:red}.ds-combobox{color:blue}}" + (
        "@media (min-width:40rem){.ds-card,.ds-tabs{gap:1px}.ds-tabs>.x{gap:2px}}"
        '.plain{content:"{"}@keyframes spin{to{rotate:1turn}}'
    )
    assert "ds-button" in used
    assert not {"ds-combobox", "ds-tabs"} & used
    assert css_bundle.purge(css, used) == (
        "@layer ds.components{.ds-button{color:red}}"
        "@media (min-width:40rem){.ds-card,.ds-tabs{gap:1px}}"
        '.plain{content:"{"}@keyframes spin{to{rotate:1turn}}'
    )


def test_the_stylesheet_is_rebuilt_when_a_source_changes(tmp_path):
    static = tmp_path / "static"
    for name in css_bundle.SOURCES:
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_text(".plain {\n  color : red;\n}  /* a comment */\n")
    assert css_bundle.ensure_built(static)
    assert not css_bundle.ensure_built(static)
    bundle = static / css_bundle.BUNDLE
    assert bundle.read_text() == ".plain{color : red;}" * 3
    assert gzip.decompress(bundle.with_name("site.css.gz").read_bytes()) == bundle.read_bytes()
    os.utime(bundle, (1, 1))  # older than its sources
    assert css_bundle.ensure_built(static)


def test_our_stylesheet_closes_every_block_it_opens():
    # Sections from several branches are merged into one file; a lost brace would silently
    # move everything after it into the block above (once, everything into `@media print`).
    depth = 0
    source = (STATIC / "css" / "jobbes.css").read_text()
    for number, line in enumerate(source.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"an extra closing brace on line {number}"
        if line.startswith("/*") and line.rstrip().endswith("*/"):
            assert depth == 0, f"the section starting on line {number} is inside another block"
    assert depth == 0
