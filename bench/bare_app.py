"""The reference endpoint, "one committed transaction per message" at its cheapest: FastAPI,
the raw body through json.loads, one stdlib sqlite3 INSERT + COMMIT (WAL,
synchronous=NORMAL, a unique message id as a real inbox has), an empty 200.

    BARE_DB=/tmp/bare.db .venv/bin/python -m uvicorn bench.bare_app:app --loop uvloop --http httptools
"""

from __future__ import annotations

import json
import os
import sqlite3

from fastapi import FastAPI, Request, Response

db = sqlite3.connect(os.environ["BARE_DB"], check_same_thread=False, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, user TEXT, message_id TEXT UNIQUE, text TEXT)")

app = FastAPI()


@app.post("/bare")
async def bare(request: Request) -> Response:
    body = json.loads(await request.body())
    db.execute("BEGIN")
    db.execute("INSERT INTO messages (user, message_id, text) VALUES (?, ?, ?)",
               (body["user"], body["message_id"], body.get("text", "")))
    db.execute("COMMIT")
    return Response(status_code=200)


@app.get("/healthz")
async def healthz() -> Response:
    return Response(status_code=200)
