"""`specgen diff`: how a spec changed, and whom each change breaks (see differ.py)."""

from generator.tools.diff.changes import BREAKING, COMPATIBLE, DEFAULT, UNKNOWN, Change
from generator.tools.diff.differ import Differ, Finding, classify, diff

__all__ = ["BREAKING", "COMPATIBLE", "DEFAULT", "UNKNOWN", "Change", "Differ", "Finding", "classify", "diff"]
