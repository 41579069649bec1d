"""What the learner sees and takes away: accessible tables and figures, and the draft in three formats."""
