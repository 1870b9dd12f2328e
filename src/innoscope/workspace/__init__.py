"""Workspaces: a folder naming its data, framework and method settings."""

from innoscope.workspace.build import Build, build_workspace
from innoscope.workspace.workspace import WORKSPACE_FILE, Workspace, default_data_dir, load_workspace

__all__ = ["WORKSPACE_FILE", "Build", "Workspace", "build_workspace", "default_data_dir", "load_workspace"]
