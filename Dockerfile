# The Direct Payments guide, production image.
#
# Built only from the hashed locks in requirements/ (written by `make lock`): the same packages as CI, whatever
# day it is built. Content is checked and translations compiled at build time, so a broken page can never reach
# an image. The final stage has the site, its packages and Python: no pip, no build backend, no compiler.
#
#   docker build -t dp-guide .
#
# In production it runs only behind nginx, which reads whole requests before the app sees them (gunicorn's sync
# workers are held by slow clients): deploy/compose.yaml starts two instances and nginx in front of them
# (docs/adr/010-hardening.md).
#
# The base image by exact tag (Python patch release, Debian release) and by digest: rebuilding next month gives
# the same bytes. Move both together, deliberately, for Python or Debian security releases (README "Container
# image"); `docker buildx imagetools inspect python:<tag>` prints a tag's current digest.
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src

# The build backend (setuptools), from its lock, in an environment thrown away with this stage.
COPY requirements/ requirements/
RUN python -m venv /opt/build \
 && /opt/build/bin/pip install --require-hashes --no-deps --only-binary :all: -r requirements/build.txt

# The site's packages, from the runtime lock, checked against their hashes. The environment has no pip of its
# own: the build environment's pip installs into it (--python), and stays behind in this stage.
RUN python -m venv --without-pip /opt/venv \
 && /opt/build/bin/pip --python /opt/venv/bin/python install \
      --require-hashes --no-deps --only-binary :all: -r requirements/runtime.txt

# The site itself, as a wheel (not an editable install), added without touching the locked packages.
COPY pyproject.toml README.md ./
COPY app/ app/
RUN /opt/build/bin/pip wheel --no-deps --no-build-isolation --wheel-dir /wheels . \
 && /opt/build/bin/pip --python /opt/venv/bin/python install --no-deps --no-index /wheels/*.whl

# Words and translations live beside the code, not inside the package, so editors' files stay files.
COPY content/ content/
COPY translations/ translations/
RUN /opt/venv/bin/pybabel compile --domain messages --directory translations \
 && DP_ENV=development DP_CONTENT_DIR=/src/content DP_TRANSLATIONS_DIR=/src/translations \
    /opt/venv/bin/flask --app app.cli content check


FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DP_ENV=production \
    DP_CONTENT_DIR=/srv/app/content \
    DP_TRANSLATIONS_DIR=/srv/app/translations \
    DP_DATABASE_URL=sqlite:////srv/app/var/feedback.sqlite3 \
    DP_SNAPSHOT_DIR=/srv/app/snapshot \
    PORT=8000 \
    WEB_CONCURRENCY=4

# The base image's own installer and build backend are not needed to run the site.
RUN python -m pip uninstall --yes --quiet pip setuptools wheel 2>/dev/null || true \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin dpguide

WORKDIR /srv/app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /src/content content/
COPY --from=build /src/translations translations/
COPY deploy/ deploy/
# The renderer of deploy/nginx.conf, which deploy/compose.yaml runs from this image for its nginx.
COPY bench/__init__.py bench/nginxconf.py bench/

# What start-up builds from this code and content (the checked site, its search index, the stylesheet), made
# once here by the same Python, packages and paths the site runs with (app/snapshot.py): every container then
# starts in well under a second instead of a few. Owned by root like the code: the site reads it, never writes.
RUN DP_ENV=development flask --app app.cli content snapshot

# Files belong to root and are only read: the user the site runs as cannot change them. The one exception is
# var/, where feedback is kept (SQLite): a volume, so it survives a new image and works with --read-only. For
# several instances, point DP_DATABASE_URL at PostgreSQL instead (docs/adr/011-feedback-in-a-real-database.md).
RUN mkdir var && chown 10001:10001 var
VOLUME ["/srv/app/var"]
USER 10001:10001

# Never publish this port: nginx stands in front (deploy/compose.yaml).
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)" || exit 1

# DP_SECRET_KEY and DP_SITE_URL must be given at run time; the site refuses to start without them.
CMD ["sh", "-c", "exec gunicorn --config deploy/gunicorn.conf.py --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY} 'app:create_app()'"]
