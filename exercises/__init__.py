"""Logic and widgets for the course «Smart spesialisering for fylkeskommunene».

Layers, each using only those listed before it (README: «Lagene i exercises/»):
``core`` (errors, text, parsing, numbers, atomic files, paths), ``analysis``
(indicator formulas), ``data`` (the numbers and where they come from),
``workbook`` (the learner's file and its sections), ``models`` (one per
exercise, no widgets), ``reports`` (tables, figures and the draft), ``views``
(thin ipywidgets) and ``live`` (the course served by Voilà). Everything apart
from the views and the live server is pure.
"""
