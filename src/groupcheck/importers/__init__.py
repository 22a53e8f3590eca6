"""Importers: other formats into groupcheck's files (``groupcheck import``)."""
