"""``tenderkit import``: existing fiches références (.txt, .md, .docx, .pdf) into library files.

- :mod:`tenderkit.importer.extract` reads a file's lines (encodings, Word paragraphs and
  tables, PDF text);
- :mod:`tenderkit.importer.blocks` cuts the lines into labelled blocks, and
  :mod:`tenderkit.importer.parse` turns blocks into reference fields (pure, no I/O), using the
  label table of :mod:`tenderkit.importer.labels` and the value readers of
  :mod:`tenderkit.importer.values`;
- :mod:`tenderkit.importer.batch` runs a batch: ids, duplicate detection, atomic writes, report.
"""

from __future__ import annotations

from tenderkit.importer.batch import FileOutcome, ImportReport, import_fiches, read_fiche
from tenderkit.importer.parse import FicheParseError, ParsedFiche, parse_fiche

__all__ = [
    "FileOutcome",
    "FicheParseError",
    "ImportReport",
    "ParsedFiche",
    "import_fiches",
    "parse_fiche",
    "read_fiche",
]
