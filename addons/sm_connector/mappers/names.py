# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""People's names as SM writes them, and as a letter addresses them."""


def salutation_name(name, surname_first=True):
    """The name to greet a person by: given name then surname.

    SM writes people surname first ("Pirard Noémie", "Van den Bossche Marie"): the given name
    is the last word (compound given names are hyphenated). Returns "" when there is nothing
    reliable to greet (no name, a single word).
    """
    words = (name or "").split()
    if len(words) < 2:
        return ""
    if not surname_first:
        return " ".join(words)
    return " ".join([words[-1], *words[:-1]])
