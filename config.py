"""Settings: one pydantic-settings class read from the environment and `.env`."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field("sqlite:///data/kedai.db", alias="KEDAI_DATABASE_URL")
    data_dir: Path = Field(Path("data"), alias="KEDAI_DATA_DIR")
    host: str = Field("127.0.0.1", alias="KEDAI_HOST")
    port: int = Field(8000, alias="KEDAI_PORT")
    public_url: str = Field("http://127.0.0.1:8000", alias="KEDAI_PUBLIC_URL")
    # Signs the links to private media (payment proofs); unset: a random one kept in the data dir.
    media_secret: str | None = Field(None, alias="KEDAI_MEDIA_SECRET")
    timezone: str = Field("Asia/Jakarta", alias="KEDAI_TIMEZONE")
    payment_window_minutes: float = Field(180, alias="KEDAI_PAYMENT_WINDOW_MINUTES")
    # The simulator lets whoever reaches it speak as any user: off unless asked for (`make run` asks).
    simulator: bool = Field(False, alias="KEDAI_SIMULATOR")
    # The demo shop goes into an empty database unless KEDAI_DEMO=0 (an install for a real shop).
    demo: bool = Field(True, alias="KEDAI_DEMO")
    scheduler_interval_seconds: float = Field(5.0, alias="KEDAI_SCHEDULER_INTERVAL_SECONDS")
    # How often each server process looks whether a bot or number was linked or unlinked (one row read).
    channels_poll_seconds: float = Field(3.0, alias="KEDAI_CHANNELS_POLL_SECONDS", gt=0)
    # Broadcasts: a run missed while the server was down goes out late within this grace, else is reported missed.
    broadcast_grace_minutes: float = Field(60, alias="KEDAI_BROADCAST_GRACE_MINUTES")
    # Set: the server backs the database and media up there once a day (scheduler/jobs_backup.py),
    # keeping the newest KEDAI_BACKUP_KEEP; unset: no scheduled backup (`kedai db backup` still works).
    backup_dir: Path | None = Field(None, alias="KEDAI_BACKUP_DIR")
    backup_keep: int = Field(7, alias="KEDAI_BACKUP_KEEP", ge=1)
    backup_hour: int = Field(2, alias="KEDAI_BACKUP_HOUR", ge=0, le=23)  # local (KEDAI_TIMEZONE): a quiet hour
    # What `kedai serve` logs of its own on stderr: DEBUG, INFO (which process leads, backups, held messages), WARNING, ERROR.
    log_level: str = Field("INFO", alias="KEDAI_LOG_LEVEL", pattern=r"(?i)^(debug|info|warning|error)$")

    telegram_bot_token: str | None = Field(None, alias="TELEGRAM_BOT_TOKEN")
    telegram_mode: str = Field("polling", alias="TELEGRAM_MODE")
    telegram_webhook_secret: str | None = Field(None, alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_api_base_url: str | None = Field(None, alias="TELEGRAM_API_BASE_URL")
    telegram_api_file_url: str | None = Field(None, alias="TELEGRAM_API_FILE_URL")
    # Sends per second to one chat (bursts of 3 allowed) and overall, per process; 0 = no limit.
    telegram_chat_rate: float = Field(1.0, alias="TELEGRAM_CHAT_RATE")
    telegram_global_rate: float = Field(30.0, alias="TELEGRAM_GLOBAL_RATE")
    # Tests only: how long Telegram's second lasts for the pacing, against a fake on a fast clock.
    telegram_rate_second: float = Field(1.0, alias="TELEGRAM_RATE_SECOND", gt=0)

    twilio_account_sid: str | None = Field(None, alias="TWILIO_ACCOUNT_SID")
    twilio_auth_token: str | None = Field(None, alias="TWILIO_AUTH_TOKEN")
    twilio_whatsapp_number: str | None = Field(None, alias="TWILIO_WHATSAPP_NUMBER")
    twilio_api_base_url: str | None = Field(None, alias="TWILIO_API_BASE_URL")
    twilio_mps: float = Field(80, alias="TWILIO_MPS", gt=0)  # messages per second per WhatsApp sender

    @field_validator("backup_dir", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value  # `KEDAI_BACKUP_DIR=` in .env: off

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def backup_folder(self) -> Path:
        """Where backups go unless a command names a folder: KEDAI_BACKUP_DIR, else the data dir's backups/."""
        return self.backup_dir if self.backup_dir is not None else self.data_dir / "backups"

    def simulator_enabled(self) -> bool:
        """On only with KEDAI_SIMULATOR=1, whatever address the server binds (bot.channels.simulator)."""
        return self.simulator
