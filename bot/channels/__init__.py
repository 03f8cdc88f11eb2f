"""Channel adapters: Telegram (python-telegram-bot), WhatsApp (Twilio) and the simulator. Each
verifies what comes in, translates it into one Inbound, and sends Outbound messages the
channel's way (buttons, numbered lists, templates). Everything a channel SDK touches stays here.
"""
