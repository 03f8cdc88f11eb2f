"""Every user-facing string, per language (texts/id/: Indonesian, friendly, "Kak", the shop
speaking as "kami"). Code never inlines a sentence a person reads.

Rule: imports nothing.
"""
