"""What every layer uses: the learner's errors, text and form parsing, numbers, atomic files, paths."""
