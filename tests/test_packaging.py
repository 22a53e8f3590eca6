"""What a user installs: a wheel from any clone carries every pack, the slim install runs the CI
commands and names the extra a heavier command needs, and the sdist and README are fit for a
package index."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from conftest import built_once

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_PACKS = ROOT / "src" / "groupcheck" / "rules"
TOP_LEVEL_PACKS = ROOT / "rules"
SOURCE_ITEMS = ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "src")


def test_top_level_packs_are_the_packaged_ones() -> None:
    """``rules/`` is where users read the packs; ``src/groupcheck/rules/`` is what runs."""
    packaged = sorted(p.name for p in PACKAGE_PACKS.glob("*.yaml"))
    assert packaged == sorted(p.name for p in TOP_LEVEL_PACKS.glob("*.yaml"))
    assert not PACKAGE_PACKS.is_symlink()
    for name in packaged:
        assert (PACKAGE_PACKS / name).read_bytes() == (TOP_LEVEL_PACKS / name).read_bytes(), (
            f"rules/{name} and src/groupcheck/rules/{name} differ: edit one, copy it to the other"
        )


def test_no_symlink_in_what_a_wheel_is_built_from() -> None:
    """Git for Windows checks a symlink out as a small text file: nothing packaged may be one."""
    links = [p for p in (ROOT / "src").rglob("*") if p.is_symlink()]
    assert links == []


def copy_without_symlinks(destination: Path) -> Path:
    """The source tree as ``git clone -c core.symlinks=false`` lays it out: every symlink is a
    plain file holding the link's target."""
    destination.mkdir()
    for item in SOURCE_ITEMS:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(
                source,
                destination / item,
                symlinks=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
            )
        else:
            shutil.copy2(source, destination / item)
    for link in [p for p in destination.rglob("*") if p.is_symlink()]:
        target = str(link.readlink())
        link.unlink()
        link.write_text(target)
    return destination


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> dict[str, Path]:
    """A wheel and an sdist built from a symlink-free copy, and a clean venv with the wheel
    installed without extras (what ``pip install groupcheck`` gives).

    Built once per run, for every pytest-xdist worker (``conftest.built_once``).
    """
    base = built_once(tmp_path_factory, worker_id, "packaging", _build_and_install)
    dist, venv = base / "dist", base / "venv"
    return {
        "wheel": next(dist.glob("*.whl")),
        "sdist": next(dist.glob("*.tar.gz")),
        "groupcheck": venv / "bin" / "groupcheck",
        "python": venv / "bin" / "python",
        "work": base,
    }


def _build_and_install(base: Path) -> None:
    source = copy_without_symlinks(base / "source")
    dist = base / "dist"
    build_log = _build_sdist_then_wheel_from_it(source, dist, base / "unpacked")
    assert "SetuptoolsDeprecationWarning" not in build_log
    # A clean venv without pip of its own (ensurepip's install is the slow part of making
    # one): this run's pip installs the wheel into it, with its dependencies and no extra.
    venv = base / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    assert made.returncode == 0, made.stderr
    wheel = next(dist.glob("*.whl"))
    pip = (sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install")
    installed = run(*pip, "--quiet", "--disable-pip-version-check", wheel, cwd=base)
    assert installed.returncode == 0, installed.stderr


def _build_sdist_then_wheel_from_it(source: Path, dist: Path, unpacked: Path) -> str:
    """What ``python -m build`` does (the sdist from the source, the wheel from the unpacked
    sdist, each by the project's backend in an isolated environment holding only its
    ``build-system.requires``), with one isolated environment for both: the backend's output."""
    from build import ProjectBuilder
    from build.env import DefaultIsolatedEnv

    log: list[str] = []

    def backend(
        command: Sequence[str],
        cwd: str | None = None,
        extra_environ: Mapping[str, str] | None = None,
    ) -> None:
        done = subprocess.run(
            command,
            cwd=cwd,
            env={**os.environ, **(extra_environ or {})},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        log.append(done.stdout + done.stderr)
        assert done.returncode == 0, done.stdout + done.stderr

    with DefaultIsolatedEnv() as env:
        sdist_builder = ProjectBuilder.from_isolated_env(env, source, runner=backend)
        env.install(sdist_builder.build_system_requires)
        env.install(sdist_builder.get_requires_for_build("sdist"))
        sdist = sdist_builder.build("sdist", dist)
        with tarfile.open(sdist) as archive:
            archive.extractall(unpacked, filter="data")
        (tree,) = unpacked.iterdir()
        wheel_builder = ProjectBuilder.from_isolated_env(env, tree, runner=backend)
        env.install(wheel_builder.get_requires_for_build("wheel"))
        wheel_builder.build("wheel", dist)
    return "".join(log)


@pytest.mark.slow
def test_wheel_carries_every_pack_and_the_license(built: dict[str, Path]) -> None:
    names = zipfile.ZipFile(built["wheel"]).namelist()
    packs = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("groupcheck/rules/"))
    assert packs == sorted(p.name for p in TOP_LEVEL_PACKS.glob("*.yaml"))
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = zipfile.ZipFile(built["wheel"]).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))
    )
    assert b"License-Expression: MIT" in metadata


@pytest.mark.slow
def test_slim_install_validates_with_a_bundled_pack(built: dict[str, Path]) -> None:
    listing = run(built["groupcheck"], "rules", "--rules", "beijing-2016", cwd=built["work"])
    assert listing.returncode == 0, listing.stderr
    assert "GC201" in listing.stdout
    checked = run(
        built["groupcheck"],
        "validate",
        ROOT / "charters",
        "--rules",
        "beijing-2016",
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
        cwd=built["work"],
    )
    assert checked.returncode in (0, 1), checked.stderr
    assert '"groups"' in checked.stdout


@pytest.mark.slow
def test_slim_install_has_only_the_core_dependencies(built: dict[str, Path]) -> None:
    probe = "import importlib.util as u; print([m for m in ('jinja2', 'weasyprint', 'openpyxl') if u.find_spec(m)])"  # noqa: E501
    found = run(built["python"], "-c", probe, cwd=built["work"])
    assert found.stdout.strip() == "[]"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "extra"),
    [
        (("report", "{charters}", "-o", "a.pdf"), "groupcheck[report]"),
        (("report", "{charters}", "-o", "a.html", "--lang", "en"), "groupcheck[report]"),
        (("export", "{charters}", "-o", "a.xlsx"), "groupcheck[excel]"),
        (("import", "rotations", "r.xlsx", "--group", "g"), "groupcheck[excel]"),
    ],
)
def test_a_command_whose_extra_is_missing_names_it(
    built: dict[str, Path], command: tuple[str, ...], extra: str
) -> None:
    args = [part.format(charters=ROOT / "charters") for part in command]
    proc = run(built["groupcheck"], *args, cwd=built["work"])
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert extra in proc.stderr
    assert not (built["work"] / args[-1]).exists()


@pytest.mark.slow
def test_csv_export_needs_no_extra(built: dict[str, Path], tmp_path: Path) -> None:
    proc = run(
        built["groupcheck"],
        "export",
        ROOT / "charters",
        "--format",
        "csv",
        "-o",
        tmp_path / "findings.csv",
        "--as-of",
        "2026-11-25",
        cwd=built["work"],
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert (tmp_path / "findings.csv").exists()


@pytest.mark.slow
def test_sdist_carries_the_license_and_no_half_test_suite(built: dict[str, Path]) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        names = [name.split("/", 1)[1] for name in sdist.getnames() if "/" in name]
    assert "LICENSE" in names
    assert not [n for n in names if n.startswith("tests/")]
    assert {f"src/groupcheck/rules/{p.name}" for p in TOP_LEVEL_PACKS.glob("*.yaml")} <= set(names)


def test_readme_links_work_on_a_package_index() -> None:
    """PyPI shows the README without the repository: every link and image is absolute."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert targets, "the README links to its docs"
    relative = [t for t in targets if not re.match(r"https?://|#|mailto:", t)]
    assert relative == []
