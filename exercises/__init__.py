"""Logic and widgets for the course «Smart spesialisering for fylkeskommunene».

Everything apart from the widget views (``exercises.views``) is pure:
data loading with provenance, indicator formulas, the learner's workbook,
and one model per exercise.
"""
