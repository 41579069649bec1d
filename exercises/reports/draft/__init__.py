"""The learner's draft priorities document (chapter Ditt utkast).

:mod:`content` reads the whole workbook into a list of blocks (:mod:`blocks`:
headings, paragraphs, lists, tables, and notes on what is missing); one
module per format turns the same blocks into Markdown, HTML and Word (.docx);
:mod:`files` writes the three files. A part the learner has not done, or that
cannot be read, becomes a notice naming the chapter that fills it, so a
partly filled workbook still gives a whole document. Learner text is only
ever text: escaped in Markdown and HTML, and stripped of characters Word
files cannot hold.
"""
