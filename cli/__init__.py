"""CLI command groups kept out of main.py so it stays small."""
