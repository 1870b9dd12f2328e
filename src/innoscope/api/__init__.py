"""The REST API and the dashboard over a store: ``innoscope serve``.

Importing this package imports FastAPI; the command line imports it only
inside ``innoscope serve``.
"""

from innoscope.api.app import create_app
from innoscope.api.config import ServerConfig, is_loopback, read_token

__all__ = ["ServerConfig", "create_app", "is_loopback", "read_token"]
