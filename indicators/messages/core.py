"""What every rule text is: a severity and the message in Finnish, Swedish and English.

Kept apart from the tables so that each table module (cells, cross, files) can import it
without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
LANGS: tuple[str, ...] = ("fi", "sv", "en")


@dataclass(frozen=True)
class RuleText:
    severity: str  # "error" rejects the row (or refuses the file); "warning" does not
    fi: str
    sv: str
    en: str

    def text(self, lang: str) -> str:
        """The message in `lang` (fi, sv or en); English for any other language."""
        return getattr(self, lang) if lang in LANGS else self.en
