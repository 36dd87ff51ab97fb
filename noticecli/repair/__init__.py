"""The repairer (the normalize stage): changes to text that naive extraction damaged, each
one recorded as a Repair with offsets into the text as parsed.

``document`` normalizes a parsed Notice (:func:`noticecli.normalize`), ``plaintext`` repairs
plain text; ``dates`` is the damaged-date engine, built from ``date_scan`` (finding
date-like runs), ``date_token`` (the values it passes around), ``date_rules`` (the damaged
forms and what they can stand for), ``date_context`` (the words around a date),
``date_evidence`` (evidence right around a run: list numbers, times, 今年 …, ranges,
bylines, date lines), ``observances`` (the observance days of ``data/observances.tsv``),
``date_links`` (what the whole document says about each run) and ``date_weighing``
(readings weighed against the document, and the evidence of each decision). Dates are
read, and edits applied, by the neutral :mod:`noticecli.dates` and :mod:`noticecli.edits`
below this package; nothing here imports a parser.
"""
