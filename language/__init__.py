"""The bottom layer of understanding Indonesian chat text: normalising words, reading numbers,
quantities and Rupiah amounts, and showing money and times the Indonesian way.

Rule: pure functions and word lists, shared by customers' and sellers' flows alike. Imports
nothing of ours (only the standard library, babel); everything above may import it.
"""
