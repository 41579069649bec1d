"""The live course: the chapters served by Voilà, for one learner or a workshop.

- :mod:`.markdown` renders the chapters' MyST prose to HTML without Sphinx;
- :mod:`.build` writes the notebooks and the template Voilà serves;
- :mod:`.kernel` runs first in every chapter's kernel (whose workbook);
- :mod:`.server` starts Voilà on 127.0.0.1 with a token (self-study) or
  with the workshop's join and teacher pages (workshop mode).
"""
