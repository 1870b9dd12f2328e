"""innoscope: monitor and evaluate science-and-technology innovation hubs."""

__version__ = "0.1.0"
__all__ = ["__version__"]
