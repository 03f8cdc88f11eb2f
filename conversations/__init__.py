"""Every multi-step flow, customer (customer/) and seller (seller/) alike, as pure functions
`(state, data, turn, ctx) -> Step`: no database, no network, no channel. A step reads through
the ports in ctx (ports.py), asks the world for effects (plain dataclasses declared next to the
flow that asks, with their outcomes) and words the outcomes in its own continuation
(`Step.then`). States are "flow:state" strings, one StrEnum per flow; button values are
`choice.Choice`s. User-facing words come from texts/, the vocabulary from language.words.

Rule: may import orders, marketing, shops, catalog, language and texts; never storage,
sqlalchemy, effects, adapters, handlers or bot.
"""
