"""Each served Telegram bot's @username by its account (bot id), filled once getMe answered
(bot.channels.telegram): the cluster catalog page links to t.me/USERNAME (bot.cluster_page)."""

from __future__ import annotations

USERNAMES: dict[str, str] = {}
