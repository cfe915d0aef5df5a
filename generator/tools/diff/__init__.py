"""`specgen diff`: how a spec changed, and whom each change breaks (see differ.py)."""

from generator.tools.diff.changes import BREAKING, COMPATIBLE, DEFAULT, POSSIBLY, Change
from generator.tools.diff.differ import Differ, diff

__all__ = ["BREAKING", "COMPATIBLE", "DEFAULT", "POSSIBLY", "Change", "Differ", "diff"]
