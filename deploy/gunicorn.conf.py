"""gunicorn settings shared by `make serve`, the Dockerfile and the benchmarks."""

# Sync workers suit a CPU-light app that answers from memory; a reverse proxy
# (deploy/nginx.conf) buffers slow clients so they never hold a worker.
worker_class = "sync"
timeout = 30
graceful_timeout = 10
keepalive = 5
# Access logs carry the path only (never a body or a cookie); explainer answers never appear in URLs.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
preload_app = True  # content is read and checked once, before the workers fork
