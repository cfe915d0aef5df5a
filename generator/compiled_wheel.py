"""`make dist`'s second wheel of a generated package: the pure wheel with its validators module
compiled by mypyc beside the source, tagged for this interpreter and platform.

Why mypyc: it ships with mypy, which the dev extra already pins, and it compiles the very typed,
standard-library source the pure wheel runs, so the two wheels cannot drift apart. The compiled
wheel keeps validators.py: Python imports the extension when its tag fits the interpreter and the
source otherwise; pip installs this wheel only where its tag fits, and the pure one everywhere else.

Usage: python -m generator.compiled_wheel <package folder> <pure wheel> <output folder>
"""

from __future__ import annotations

import base64
import hashlib
import importlib.machinery
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path


def compiled_extensions(package: Path, scratch: Path) -> list[Path]:
    """The extensions mypyc builds from a copy of the package in `scratch`: `validators<suffix>`
    and the `validators__mypyc<suffix>` library holding its code."""
    shutil.copytree(package, scratch / package.name)
    subprocess.run([sys.executable, "-m", "mypyc", f"{package.name}/validators.py"], cwd=scratch, check=True)
    return sorted((scratch / package.name).glob(f"validators*{importlib.machinery.EXTENSION_SUFFIXES[0]}"))


def platform_tag() -> str:
    """This interpreter's tag, e.g. cp311-cp311-linux_x86_64 (not manylinux: no auditwheel vouches for it)."""
    version = f"cp{sys.version_info.major}{sys.version_info.minor}"
    return f"{version}-{version}-{sysconfig.get_platform().replace('-', '_').replace('.', '_')}"


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compiled_wheel(pure: Path, extensions: list[Path], package: str, out: Path) -> Path:
    """The pure wheel's files, the extensions beside validators.py, WHEEL retagged and RECORD rewritten."""
    tag = platform_tag()
    distribution, version = pure.name.split("-")[:2]
    target = out / f"{distribution}-{version}-{tag}.whl"
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(pure) as archive:
        for name in archive.namelist():
            files[name] = archive.read(name)
    info = f"{distribution}-{version}.dist-info"
    wheel = files[f"{info}/WHEEL"].decode()
    wheel = wheel.replace("Root-Is-Purelib: true", "Root-Is-Purelib: false").replace("Tag: py3-none-any", f"Tag: {tag}")
    files[f"{info}/WHEEL"] = wheel.encode()
    files.update((f"{package}/{extension.name}", extension.read_bytes()) for extension in extensions)
    record = f"{info}/RECORD"
    files.pop(record)
    lines = [_record_line(name, data) for name, data in files.items()] + [f"{record},,"]
    files[record] = ("\n".join(lines) + "\n").encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


def main(package: Path, pure: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        extensions = compiled_extensions(package, Path(scratch))
        print(compiled_wheel(pure, extensions, package.name, out))


if __name__ == "__main__":
    main(*(Path(argument) for argument in sys.argv[1:4]))
