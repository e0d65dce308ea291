"""Importers of other tools' files: one module per source format."""
