# The Direct Payments guide, production image.
# Content is checked and translations compiled at build time: a broken page can never reach an image.
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DP_ENV=production \
    PORT=8000 \
    WEB_CONCURRENCY=4

WORKDIR /srv/app

# Only what runs: see .dockerignore. An editable install keeps content/ and translations/ beside app/.
COPY . .
RUN pip install --no-compile -e . && rm -rf /root/.cache

# Compile catalogs and check content as part of the build (a temporary key: the check needs no secret).
RUN python -m babel.messages.frontend compile -d translations \
 && DP_ENV=development flask --app app content check

RUN useradd --system --uid 10001 --no-create-home dpguide
USER dpguide

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)" || exit 1

# DP_SECRET_KEY must be provided at run time (docker run -e DP_SECRET_KEY=...); the app refuses to start without it.
CMD ["sh", "-c", "exec gunicorn --config deploy/gunicorn.conf.py --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY} 'app:create_app()'"]
