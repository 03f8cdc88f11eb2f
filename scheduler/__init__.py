"""The scheduled jobs and their wiring: APScheduler only ticks; every job reads its due work from
rows (pay_by, due broadcasts, the daily recap's day), so a restart or a second process neither
loses nor repeats anything.

Rule: may import everything below bot/ (effects, adapters, conversations, orders, marketing,
shops, catalog, storage, language, texts); the jobs are handed to the server by bot.serve.
"""
