"""The ceiling for "one committed transaction per message": FastAPI parses the JSON and
does one stdlib sqlite3 INSERT + COMMIT (WAL, synchronous=NORMAL), nothing else."""

from __future__ import annotations

import os
import sqlite3

from fastapi import FastAPI, Request

db = sqlite3.connect(os.environ["BARE_DB"], check_same_thread=False, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, user TEXT, message_id TEXT UNIQUE, text TEXT)")

app = FastAPI()


@app.post("/bare")
async def bare(request: Request) -> dict:
    body = await request.json()
    db.execute("BEGIN")
    db.execute("INSERT INTO messages (user, message_id, text) VALUES (?, ?, ?)",
               (body["user"], body["message_id"], body.get("text", "")))
    db.execute("COMMIT")
    return {"replies": []}
