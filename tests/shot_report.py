"""The report of a story as a browser draws it: headless Chromium takes a full-page screenshot.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/shot_report.py OUT.png [CORPUS] [--story S]

Chromium comes from Debian's packages: where it is missing and this runs as root, it is
installed (`apt-get install chromium`); otherwise the script says how. It writes the report of
the bundled story (or of CORPUS's story S) to a temporary folder, opens it with no network, and
saves a screenshot of the whole page, 1000 pixels wide, to OUT.png, with the time each step took.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEIGHT = 15000   # pixels: taller than the bundled story's page, within what image tools open


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("shot_report.py: no chromium; install it with: sudo apt-get install chromium")
    print("installing chromium from Debian's packages…", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "chromium"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("chromium") or sys.exit("shot_report.py: chromium did not install")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="the PNG to write")
    ap.add_argument("corpus", nargs="?", help="a corpus folder (default: the bundled corpus)")
    ap.add_argument("--story", help="its story to report on")
    args = ap.parse_args()
    browser = chromium()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        started = time.perf_counter()
        command = [sys.executable, "-m", "tui", "report", *([args.corpus] if args.corpus else []),
                   *(["--story", args.story] if args.story else []), "-o", str(page)]
        subprocess.run(command, check=True)
        made = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--no-first-run", "--disable-background-networking", f"--window-size=1000,{HEIGHT}",
                        f"--user-data-dir={folder}/profile", f"--screenshot={args.out.resolve()}", page.as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        shot = time.perf_counter() - started
    print(f"report: {made:.2f} s; screenshot: {shot:.2f} s; {args.out} ({args.out.stat().st_size / 1024:,.0f} KiB)")


if __name__ == "__main__":
    sys.exit(main())
