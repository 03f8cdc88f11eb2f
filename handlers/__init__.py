"""Routing only: which flow a message goes to. customer.py (global words, buttons, the current
state's step, free text), seller.py (the registry of seller flows) and choices.py (a typed
reply read as a button press). Pure like the flows: no database, no I/O.

Rule: may import conversations and everything they may; never storage, adapters, effects or
bot. Word lists live in language.words, not here.
"""
