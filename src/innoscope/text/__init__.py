"""Reading narrative reports: numerals, quantities and their attributes, as facts with spans."""

from innoscope.text.extract import detect_language, extract_document, extract_facts
from innoscope.text.fact import Entity, Fact
from innoscope.text.readers import Document, read_document

__all__ = ["Document", "Entity", "Fact", "detect_language", "extract_document", "extract_facts", "read_document"]
