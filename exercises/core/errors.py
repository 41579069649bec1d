"""The errors a learner may see: each message is Norwegian and says what to do."""


class InputError(ValueError):
    """Bad input from the learner. The message is Norwegian and says what to do."""
