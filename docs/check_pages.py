"""Look at the built site in a headless browser: maths typeset offline, no raw roles, images.

Usage (after ``make docs``)::

    python docs/check_pages.py site --out build/pages

For each page below it loads the page from a local HTTP server (no other network access is
needed: MathJax is served from the site itself) with headless Chromium, lets the scripts
run, and checks the rendered DOM:

* maths: pages that contain maths have MathJax output (``mjx-container``) and no
  unprocessed ``\\(`` or ``\\[`` left in their ``arithmatex`` spans;
* API pages: no Sphinx role (``:func:``, ``:class:``, ...) is left in the text;
* the gallery: one ``<img>`` per figure, each a PNG file present in the site;

and writes a PNG screenshot of each page into ``--out`` to look at. It exits 0 with a notice
when no Chromium is installed (Debian: ``apt-get install chromium``), 1 on any problem.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

#: page (URL path inside the site) -> what it must show
PAGES = {
    "": "home",
    "getting-started/": "maths",
    "architecture/": "maths",
    "collision/": "maths",
    "api/": "api",
    "api/collision/": "api",
    "api/figures/": "api",
    "gallery/": "gallery",
}
ROLE = re.compile(r":(?:mod|class|func|meth|attr|data|obj|exc):")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _chromium(binary: str, url: str, *args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=5000",
                *args,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    return done.stdout


def check_page(binary: str, base: str, page: str, kind: str, site: Path, shots: Path) -> list[str]:
    """Problems found on one page (empty when it is fine); writes its screenshot."""
    url = base + page
    name = (page.strip("/").replace("/", "-") or "index") + ".png"
    dom = _chromium(
        binary, url, "--dump-dom", f"--screenshot={shots / name}", "--window-size=1280,2000"
    )
    problems = []
    if "<article" not in dom:
        return [f"{url}: no article rendered (empty DOM: {len(dom)} characters)"]
    if not (shots / name).is_file():
        problems.append(f"{url}: no screenshot written")
    text = re.sub(r"<[^>]+>", " ", dom)
    if kind == "maths":
        if "mjx-container" not in dom:
            problems.append(f"{url}: MathJax did not typeset (no mjx-container)")
        raw = re.findall(r'class="arithmatex">\s*\\[(\[]', dom)
        if raw:
            problems.append(f"{url}: {len(raw)} maths spans left as TeX source")
    if kind == "api" and ROLE.search(text):
        problems.append(f"{url}: raw roles left: {sorted(set(ROLE.findall(text)))}")
    if kind == "gallery":
        images = re.findall(r'<img[^>]+src="([^"]+\.png)"', dom)
        if len(images) < 10:
            problems.append(f"{url}: only {len(images)} figures")
        for src in images:
            if not (site / "gallery" / Path(src).name).is_file():
                problems.append(f"{url}: image {src} missing from the site")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build -d SITE)")
    parser.add_argument("--out", type=Path, default=Path("build/pages"), help="screenshots")
    args = parser.parse_args(argv)
    binary = find_chromium()
    if binary is None:
        print("check_pages: no chromium found; pages not checked (apt-get install chromium)")
        return 0
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"check_pages: {site} is not a built site (no index.html)")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems: list[str] = []
    try:
        for page, kind in PAGES.items():
            found = check_page(binary, base, page, kind, site, args.out.resolve())
            print(f"{'ok  ' if not found else 'FAIL'} /{page} ({kind})")
            problems += found
    finally:
        server.shutdown()
    for p in problems:
        print("  " + p)
    print(f"screenshots in {args.out}/")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
