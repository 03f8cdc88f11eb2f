"""Shared plumbing for the network fakes: a real HTTP server on a free 127.0.0.1 port in a thread."""
from __future__ import annotations

import email.parser, email.policy, json, socket, sys, threading, traceback
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit


@dataclass
class Request:
    method: str
    path: str
    headers: dict  # lower-cased names
    fields: list  # [(name, str|object)] from query string and body
    files: dict   # name -> (filename, content_type, bytes) from multipart parts with a filename


def parse_body(content_type: str, body: bytes) -> tuple[list, dict]:
    """Decode JSON, urlencoded or multipart bodies into (fields, files)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if not body:
        return [], {}
    if ctype == "application/json":
        data = json.loads(body)
        return (list(data.items()) if isinstance(data, dict) else []), {}
    if ctype == "multipart/form-data":
        # The stdlib email parser handles multipart without the deprecated cgi module.
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        fields, files = [], {}
        for part in msg.iter_parts():
            name, payload = part.get_param("name", header="content-disposition"), part.get_payload(decode=True)
            if part.get_filename() is not None:
                files[name] = (part.get_filename(), part.get_content_type(), payload)
            else:
                fields.append((name, payload.decode("utf-8")))
        return fields, files
    return parse_qsl(body.decode("utf-8"), keep_blank_values=True), {}


class FakeServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5. When many clients connect at once on a loaded machine
    # (60 concurrent sends in a test, a pool of 256 in PTB), the kernel drops connections past the
    # backlog and a client reads a reset: a flaky test, not a finding. Real API servers accept them.
    request_queue_size = 1024

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        # A client that hangs up before its answer (a long poll cancelled when a bot is let go or the
        # server stops) is everyday life for a real API, not a crash of the fake worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class LocalHTTPFake:
    """ThreadingHTTPServer on a free 127.0.0.1 port in a daemon thread; subclasses implement handle()."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._conns: set = set()
        self.server_errors: list[str] = []  # handler crashes, so tests can assert the fake itself is sane

    def handle(self, req: Request) -> tuple[int, dict, bytes]:
        raise NotImplementedError

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as httpx/requests pool connections
            # Headers and body are separate writes: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms each.
            disable_nagle_algorithm = True

            def setup(self):
                super().setup()
                fake._conns.add(self.connection)

            def finish(self):
                fake._conns.discard(self.connection)
                super().finish()

            def log_message(self, *args):  # keep pytest output clean
                pass

            def _read_body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    chunks = []
                    while (size := int(self.rfile.readline().split(b";")[0], 16)):
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()  # CRLF after each chunk
                    self.rfile.readline()
                    return b"".join(chunks)
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _dispatch(self):
                parts = urlsplit(self.path)
                try:
                    fields, files = parse_body(self.headers.get("Content-Type", ""), self._read_body())
                    req = Request(self.command, unquote(parts.path), {k.lower(): v for k, v in self.headers.items()},
                                  parse_qsl(parts.query, keep_blank_values=True) + fields, files)
                    status, headers, payload = fake.handle(req)
                except Exception as exc:  # a bug in the fake must be loud, not a hung client
                    fake.server_errors.append(traceback.format_exc())
                    status, headers, payload = 500, {"Content-Type": "text/plain"}, repr(exc).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _dispatch

        self._server = FakeServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True, name=type(self).__name__)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._on_stop()
        self._server.shutdown()
        self._server.server_close()
        for conn in list(self._conns):  # kill keep-alive connections so nothing is served after stop()
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(2)
        self._server = None

    def _on_stop(self) -> None:
        pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
