"""One model per exercise: checks a learner's answer, gives feedback, saves to the workbook. No widgets."""
