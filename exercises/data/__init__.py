"""The course's numbers in one canonical form, where they come from, and how they are imported and checked."""
