"""The GLM-4.7 validators module compiled with mypyc, for the tests and the benchmark.

mypyc ships with mypy, which the dev extra already pins, and compiles the very source the pure
module runs: no second implementation to keep in step. The extension is built once into
build/mypyc/<hash>/ (the hash of the source, mypy's version and the interpreter), so a re-run
imports it at once; it is imported under a name of its own, beside the pure module.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "generated" / "zai_glm_4_7" / "validators.py"
NAME = "zai_glm_4_7_validators_compiled"
BUILD = ROOT / "build" / "mypyc"


def no_compiler_reason() -> str | None:
    """Why no extension can be built here, or None when one can."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler!r} is not on PATH): the compiled validators are not built"
    return None


def compiled_validators() -> ModuleType | None:
    """The compiled module (built on first use, cached by source hash), or None without a C compiler."""
    if no_compiler_reason() is not None:
        return None
    if NAME in sys.modules:
        return sys.modules[NAME]
    extension = _built(_key())
    spec = importlib.util.spec_from_file_location(NAME, extension)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    spec.loader.exec_module(module)
    return module


def _key() -> str:
    digest = hashlib.sha256(SOURCE.read_bytes())
    digest.update(f"{version('mypy')} {sys.implementation.cache_tag} {sysconfig.get_platform()}".encode())
    return digest.hexdigest()[:16]


def _built(key: str) -> Path:
    """The extension for `key`: built in a scratch folder and moved into place whole, so that an
    interrupted build leaves no half-written cache behind."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    target = BUILD / key
    extension = target / f"{NAME}{suffix}"
    if extension.exists():
        return extension
    BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUILD) as scratch:
        shutil.copyfile(SOURCE, Path(scratch) / f"{NAME}.py")
        subprocess.run(
            [sys.executable, "-m", "mypyc", f"{NAME}.py"],
            cwd=scratch,
            check=True,
            capture_output=True,
            env={**os.environ, "MYPYC_OPT_LEVEL": "3"},
        )
        (Path(scratch) / "result").mkdir()
        (Path(scratch) / f"{NAME}{suffix}").rename(Path(scratch) / "result" / extension.name)
        try:
            (Path(scratch) / "result").rename(target)
        except OSError:  # another session built it meanwhile
            if not extension.exists():
                raise
    return extension
