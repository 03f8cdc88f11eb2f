"""The edges: the channel-neutral message types (messages), the engine (a thin coordinator
running one inbound message through one transaction), the inbox (one person's messages one at a
time), who is talking (identity), delivery after commit (outbox rows and broadcast sends, paced
under the channels' rate limits), the channel adapters (channels/), the FastAPI app, the
composition root (bootstrap) and the served process (serve).

Rule: nothing below bot/ knows a channel SDK, FastAPI or an HTTP request; bot/ may import
every package below it (scheduler, effects, adapters, handlers, conversations, orders,
marketing, shops, catalog, storage, language, texts, config), never cli/ or main.
"""
