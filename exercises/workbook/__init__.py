"""The learner's workbook: the file and its safe saving (store), its sections and
the chapter that fills each (sections), one typed reader per section (readers) on
safe getters (shapes), and moving it between machines (transfer)."""
