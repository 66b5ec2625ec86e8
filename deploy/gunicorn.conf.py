"""gunicorn settings shared by `make serve`, the Dockerfile and the benchmarks."""

import os

# Sync workers suit a CPU-light app that answers from memory; a reverse proxy
# (deploy/nginx.conf) buffers slow clients so they never hold a worker.
worker_class = "sync"
timeout = 30
graceful_timeout = 10
keepalive = 5
# Access lines carry the path as sent (escaped, never the query, a body or a cookie), status, bytes and
# milliseconds; an explainer request is "/check/*" with its status only (app/server_log.py says why).
# gunicorn's own error lines lose query strings and tracebacks there too.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)s'
errorlog = "-"
logger_class = "app.server_log.PrivateLogger"
preload_app = True  # content is read and checked once, before the workers fork
# Workers' heartbeat files go in memory: the app then runs on a read-only root filesystem (docker run
# --read-only keeps /dev/shm writable), and a slow disk never makes the master think a worker hung.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket: it would be written to $HOME/.gunicorn (not on a read-only disk), and two instances on
# one machine would share it. Nothing here uses `gunicornc`.
control_socket_disable = True


def send_head_and_body_together() -> None:
    """Send a response's status line, headers and first body bytes in one write.

    gunicorn 27 writes the head and the body separately. A worker killed between the two (a crash,
    an out-of-memory kill) leaves nginx holding a head it has already passed on, so it cannot retry
    on the other instance and the visitor gets a cut-off page. With one write a crash loses all of
    the response or none of it, and nginx retries a lost one (deploy/nginx.conf, proxy_next_upstream).
    tests/test_nginx.py kills an instance mid-load and fails on a single cut-off response.
    Only the first write of a response changes; sendfile and chunked responses are left alone.
    """
    from gunicorn import util
    from gunicorn.http.wsgi import Response

    plain_send_headers, plain_emit_body, plain_write = Response.send_headers, Response._emit_body, Response.write

    def send_headers(self):
        if not getattr(self, "dp_hold_head", False) or self.headers_sent:
            return plain_send_headers(self)
        lines = self.default_headers() + [f"{name}: {value}\r\n" for name, value in self.headers]
        self.dp_head = ("".join(lines) + "\r\n").encode("latin-1")
        self.headers_sent = True

    def emit_body(self, data):
        head, self.dp_head = getattr(self, "dp_head", b""), b""
        if head and not self.chunked:
            return util.write(self.sock, head + data)
        if head:
            util.write(self.sock, head)
        return plain_emit_body(self, data)

    def write(self, data):
        if self.headers_sent:
            return plain_write(self, data)
        self.dp_hold_head = True
        try:
            return plain_write(self, data)
        finally:
            self.dp_hold_head = False
            head, self.dp_head = getattr(self, "dp_head", b""), b""
            if head:  # no body bytes went out with it (HEAD, 304, an empty chunk): send it alone
                util.write(self.sock, head)

    Response.send_headers, Response._emit_body, Response.write = send_headers, emit_body, write


send_head_and_body_together()


def answer_own_errors_with_security_headers() -> None:
    """gunicorn's own answers carry the app's security headers, and quote nothing that was sent.

    gunicorn answers a request it will not pass to the app (a control character in a header value,
    a bad chunk size) itself, with a page that quotes the offending part of the request and no
    security headers. nginx passes such headers on, so visitors could meet that page behind it too
    (tests/test_http_fuzz.py found it). This answer has the same headers as every app response
    (app/security.py) and says only the status.
    """
    from gunicorn import util

    from app.security import HEADERS

    security_headers = "".join(f"{name}: {value}\r\n" for name, value in HEADERS.items())

    def write_error(sock, status_int, reason, mesg):
        body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{reason}</title></head>'
                f"<body><h1>{reason}</h1></body></html>\n")
        head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\n{security_headers}\r\n")
        util.write_nonblock(sock, (head + body).encode("latin-1"))

    util.write_error = write_error


answer_own_errors_with_security_headers()
