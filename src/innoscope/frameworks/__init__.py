"""Frameworks: the tree of an index, read from YAML or COINr iMeta."""

from innoscope.frameworks.framework import Framework, Node, Rule
from innoscope.frameworks.loader import load_framework, read_imeta, shipped

__all__ = ["Framework", "Node", "Rule", "load_framework", "read_imeta", "shipped"]
