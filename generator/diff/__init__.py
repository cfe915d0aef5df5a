"""`specgen diff`: how a spec changed, and whom each change breaks (see differ.py)."""

from generator.diff.changes import BREAKING, COMPATIBLE, DEFAULT, POSSIBLY, Change
from generator.diff.differ import Differ, diff

__all__ = ["BREAKING", "COMPATIBLE", "DEFAULT", "POSSIBLY", "Change", "Differ", "diff"]
