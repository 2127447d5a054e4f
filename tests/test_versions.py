"""requirements.txt, binder/environment.yml and environment.yml pin the same versions."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# conda package name -> PyPI name
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
KEY_PACKAGES = {"numpy", "scipy", "matplotlib", "ipywidgets"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;]+)(\s*;.*)?", line)
        assert m, f"requirements.txt: {line!r} is not pinned exactly (name==version)"
        pins[_norm(m.group(1))] = m.group(3)
    return pins


def read_conda_env(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Conda pins and pip pins of an environment.yml (its simple list form)."""
    conda, pip = {}, {}
    section = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not line.startswith(" "):
            section = line.rstrip(":").strip()
            continue
        item = line.strip()
        if section != "dependencies" or not item.startswith("- "):
            continue
        item = item[2:].strip()
        if item == "pip:":
            continue
        indent = len(line) - len(line.lstrip())
        if "==" in item or item.startswith("-e") or indent > 2:
            m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", item)
            if m:
                pip[_norm(m.group(1))] = m.group(2)
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\s*=\s*(\S+))?", item)
        assert m, f"{path.name}: cannot read {item!r}"
        name = CONDA_TO_PYPI.get(m.group(1), m.group(1))
        conda[_norm(name)] = m.group(2) or ""
    return conda, pip


REQ = read_requirements(ROOT / "requirements.txt")
ENVS = {
    "binder/environment.yml": read_conda_env(ROOT / "binder" / "environment.yml"),
    "environment.yml": read_conda_env(ROOT / "environment.yml"),
}


def test_requirements_pin_what_the_lessons_need():
    for name in KEY_PACKAGES | {"jupyterlab", "pytest", "nbval", "ipykernel"}:
        assert name in REQ, f"requirements.txt does not pin {name}"
    major, minor = (int(p) for p in REQ["scipy"].split(".")[:2])
    assert (major, minor) >= (1, 16), "scipy >= 1.16 is needed for least_squares(callback=...)"


@pytest.mark.parametrize("env", sorted(ENVS))
def test_environment_pins_agree_with_requirements(env):
    conda, pip = ENVS[env]
    for name in KEY_PACKAGES:
        assert name in conda, f"{env} does not list {name}"
    pinned = {**conda, **pip}
    for name, version in pinned.items():
        if name in ("python", "pip"):
            continue
        assert version, f"{env}: {name} is not pinned"
        assert name in REQ, f"{env} pins {name}, which requirements.txt does not"
        assert version == REQ[name], f"{env}: {name}={version}, requirements.txt: {REQ[name]}"


def test_environments_use_the_same_python():
    pythons = {env: conda.get("python", "") for env, (conda, _) in ENVS.items()}
    assert len(set(pythons.values())) == 1, pythons
    version = next(iter(pythons.values()))
    assert re.fullmatch(r"3\.\d+", version), f"pin python to a minor version, got {version!r}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lowest = re.search(r">=\s*3\.(\d+)", project["requires-python"]).group(1)
    assert int(version.split(".")[1]) >= int(lowest)


def test_this_interpreter_is_supported():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lowest = int(re.search(r">=\s*3\.(\d+)", project["requires-python"]).group(1))
    assert sys.version_info[:2] >= (3, lowest)


def test_binder_does_not_install_jupyter_itself():
    conda, _ = ENVS["binder/environment.yml"]
    assert "jupyterlab" not in conda and "notebook" not in conda, (
        "Binder's base image provides JupyterLab; pinning it in binder/ can break the launch"
    )


def test_postbuild_installs_the_package_without_dependencies():
    post = (ROOT / "binder" / "postBuild").read_bytes()
    assert b"\r\n" not in post, "binder/postBuild must have LF line endings"
    text = post.decode()
    assert text.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in text
    assert "pip install --no-deps -e ." in text


def test_reader_spots_a_mismatch(tmp_path):
    env = tmp_path / "environment.yml"
    env.write_text(
        "name: x\ndependencies:\n  - python=3.11\n  - numpy=1.0\n"
        "  - pip\n  - pip:\n    - nbval==0.1\n"
    )
    conda, pip = read_conda_env(env)
    assert conda["numpy"] == "1.0" and conda["python"] == "3.11" and pip == {"nbval": "0.1"}
    assert conda["numpy"] != REQ["numpy"]
