"""Demo site rules shipped as a plugin: the entry point names this directory of rule files."""

from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent / "rules"
