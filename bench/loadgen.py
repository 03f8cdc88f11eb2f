"""A small keep-alive HTTP/1.1 load generator (asyncio + uvloop), run in its own process so
the server under test keeps its core. Bounded in requests and time; loopback only."""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

# (connection, request number) -> a JSON body, or (raw body, headers) for e.g. a signed form post
Body = Callable[[int, int], "dict | tuple[bytes, dict[str, str]]"]


@dataclass
class Result:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def pct(self, p: float) -> float:
        data = sorted(self.latencies_ms)
        return data[min(len(data) - 1, int(len(data) * p))] if data else 0.0

    def line(self, name: str) -> str:
        return (f"{name}: {self.rate:,.0f} req/s over {self.seconds:.1f}s ({self.requests} ok, {self.errors} errors), "
                f"p50 {statistics.median(self.latencies_ms):.1f} ms, p99 {self.pct(0.99):.1f} ms")


async def _connection(host: str, port: int, path: str, body: Body, conn: int, deadline: float, max_requests: int,
                      lat: list[float], counts: list[int], extra_headers: str = "") -> None:
    reader, writer = await asyncio.open_connection(host, port)
    n = 0
    try:
        while time.perf_counter() < deadline and n < max_requests:
            item = body(conn, n)
            if isinstance(item, tuple):  # its own body and headers (a form post signed per request)
                payload, own = item
                fields = "".join(f"{k}: {v}\r\n" for k, v in own.items())
            else:
                payload, fields = json.dumps(item).encode(), "Content-Type: application/json\r\n"
            head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{fields}{extra_headers}"
                    f"Content-Length: {len(payload)}\r\n\r\n").encode()
            started = time.perf_counter()
            writer.write(head + payload)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            lat.append((time.perf_counter() - started) * 1000)
            counts[0 if status_line.split()[1] == b"200" else 1] += 1
            n += 1
    finally:
        writer.close()


async def _run(host: str, port: int, path: str, body: Body, connections: int, seconds: float, max_requests: int,
               headers: dict[str, str] | None = None) -> Result:
    lat: list[float] = []
    counts = [0, 0]
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(_connection(host, port, path, body, c, deadline, max_requests, lat, counts, extra)
                           for c in range(connections)))
    return Result(counts[0], counts[1], time.perf_counter() - start, lat)


def load(host: str, port: int, path: str, body: Body, *, connections: int = 32, seconds: float = 8.0,
         max_requests: int = 200_000, headers: dict[str, str] | None = None) -> Result:
    try:
        import uvloop
        return uvloop.run(_run(host, port, path, body, connections, seconds, max_requests, headers))
    except ImportError:
        return asyncio.run(_run(host, port, path, body, connections, seconds, max_requests, headers))
