"""Create a virtual environment and install pinned packages into it: used by ``make``.

    python tests/make_venv.py VENV -r requirements.txt [-c constraints.txt] [--editable]
    python tests/make_venv.py VENV --project test [-c constraints.txt] [--pre]

The installer is uv when it can be had, pip otherwise, and one line says which ran:

1. ``uv`` on the PATH (or named by ``$UV``) is used as it is;
2. else uv is bootstrapped into a small tool environment in the project's
   git-ignored ``build/tools/uv``, from the package index, with pip
   (never into the user's home or the system Python);
3. if that fails (no network, an unwritable folder, a platform without uv
   wheels), the environment is made with ``python -m venv`` and pip.

Both installers read the same ``requirements.txt`` pins, so the packages are
the same either way; uv is only faster (seconds instead of a minute).
Set ``LSQ_INSTALLER=pip`` to skip uv altogether.

``--project EXTRAS`` installs this project (editable) with those extras *and
its declared dependency ranges* instead of pins: with ``-c`` a constraints file
chooses versions inside the ranges (``make test-oldest``), with ``--pre`` the
newest releases, pre-releases included, are taken (``make test-newest``).

Not a test module: run by the Makefile, never collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL_ENV = ROOT / "build" / "tools" / "uv"


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def _run(cmd: list[str], **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def _works(uv: str) -> bool:
    try:
        return subprocess.run([uv, "--version"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def find_uv() -> tuple[str | None, str]:
    """A working uv and where it came from, or ``(None, reason)``."""
    if os.environ.get("LSQ_INSTALLER", "").lower() == "pip":
        return None, "LSQ_INSTALLER=pip"
    for candidate in (os.environ.get("UV"), shutil.which("uv")):
        if candidate and _works(candidate):
            return candidate, f"uv from {candidate}"
    local = _bin(TOOL_ENV, "uv")
    if local.exists() and _works(str(local)):
        return str(local), f"uv from {local.relative_to(ROOT)}"
    try:
        print(f"bootstrapping uv into {TOOL_ENV.relative_to(ROOT)} (once) ...", flush=True)
        if TOOL_ENV.exists():
            shutil.rmtree(TOOL_ENV)
        made = subprocess.run([sys.executable, "-m", "venv", str(TOOL_ENV)], capture_output=True)
        if made.returncode != 0:
            shutil.rmtree(TOOL_ENV, ignore_errors=True)
            return None, f"uv could not be bootstrapped ({sys.executable} -m venv failed)"
        _run(
            [
                _bin(TOOL_ENV, "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "uv",
            ]
        )
    except (OSError, subprocess.CalledProcessError) as err:
        return None, f"uv could not be bootstrapped ({err})"
    if _works(str(local)):
        return str(local), f"uv bootstrapped into {local.relative_to(ROOT)}"
    return None, "the bootstrapped uv does not run"


def _project(extras: str | None) -> list[str]:
    """Install arguments for this project with ``extras`` and its dependencies, if asked."""
    return [] if extras is None else ["-e", f"{ROOT}[{extras}]"]


def with_uv(
    uv: str,
    venv: Path,
    requirements: list[Path],
    constraints: list[Path],
    editable: bool,
    pre: bool,
    extras: str | None = None,
) -> None:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    _run(
        [uv, "venv", "--quiet", "--seed", "--allow-existing", "--python", sys.executable, venv],
        env=env,
    )
    py = _bin(venv, "python")
    args = [uv, "pip", "install", "--quiet", "--python", py, *_project(extras)]
    args += [a for r in requirements for a in ("-r", r)]
    args += [a for c in constraints for a in ("-c", c)]
    if pre:
        args.append("--prerelease=allow")
    _run(args, env=env)
    if editable:
        _run([uv, "pip", "install", "--quiet", "--python", py, "--no-deps", "-e", ROOT], env=env)


def with_pip(
    venv: Path,
    requirements: list[Path],
    constraints: list[Path],
    editable: bool,
    pre: bool,
    extras: str | None = None,
) -> None:
    py = _bin(venv, "python")
    if not py.exists():
        try:
            _run([sys.executable, "-m", "venv", venv])
        except subprocess.CalledProcessError:
            shutil.rmtree(venv, ignore_errors=True)  # a half-made venv would be taken as made
            sys.exit(
                f"{sys.executable} -m venv failed. On Debian or Ubuntu install the venv module "
                "first: sudo apt install python3-venv"
            )
    pip = [py, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "install", "--quiet", "--upgrade", "pip>=23"])
    args = [*pip, "install", "--quiet", *_project(extras)]
    args += [a for r in requirements for a in ("-r", r)]
    args += [a for c in constraints for a in ("-c", c)]
    if pre:
        args.append("--pre")
    _run(args)
    if editable:
        _run([*pip, "install", "--quiet", "--no-deps", "-e", ROOT])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("venv", type=Path, help="the environment folder (made if missing)")
    parser.add_argument(
        "-r",
        "--requirement",
        type=Path,
        action="append",
        default=[],
        help="a requirements file (repeatable)",
    )
    parser.add_argument(
        "-c",
        "--constraint",
        type=Path,
        action="append",
        default=[],
        help="a constraints file (repeatable)",
    )
    parser.add_argument(
        "--editable",
        action="store_true",
        help="also install this project (helpers) in editable mode, without deps",
    )
    parser.add_argument("--pre", action="store_true", help="allow pre-releases")
    parser.add_argument(
        "--project",
        metavar="EXTRAS",
        default=None,
        help="install this project (editable) with these extras, e.g. 'test', "
        "and its declared dependency ranges",
    )
    args = parser.parse_args(argv)
    if not args.requirement and args.project is None:
        parser.error("give -r REQUIREMENTS and/or --project EXTRAS")
    # Kept although requires-python says so: this script runs before any install, under
    # whatever `python3` is, and must say what to do instead of failing obscurely.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit(
            "Python 3.11 or newer is needed (found {}.{}); run e.g. "
            "make PYTHON=python3.12 ...".format(*sys.version_info[:2])  # noqa: UP032
        )

    start = time.perf_counter()
    uv, why = find_uv()
    if uv is not None:
        try:
            with_uv(
                uv,
                args.venv,
                args.requirement,
                args.constraint,
                args.editable,
                args.pre,
                args.project,
            )
            print(
                f"installed {args.venv} with uv ({why}) in {time.perf_counter() - start:.0f} s",
                flush=True,
            )
            return 0
        except (OSError, subprocess.CalledProcessError) as err:
            why = f"uv failed ({err})"
            shutil.rmtree(args.venv, ignore_errors=True)
    print(f"installing with pip: {why}", flush=True)
    with_pip(args.venv, args.requirement, args.constraint, args.editable, args.pre, args.project)
    print(f"installed {args.venv} with pip in {time.perf_counter() - start:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
