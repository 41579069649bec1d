"""The result of checking an exercise: what must be fixed and what to consider."""

from dataclasses import dataclass, field


@dataclass
class Feedback:
    errors: list[str] = field(default_factory=list)  # must be fixed before saving
    notes: list[str] = field(default_factory=list)  # teaching feedback
    saved: str | None = None  # set when the answer was saved

    @property
    def ok(self) -> bool:
        return not self.errors
