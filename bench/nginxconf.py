"""Render deploy/nginx.conf for one machine, and export the files nginx serves by itself.

The app is the source of truth: the security headers, the request-size limit, the
languages, the fingerprinted stylesheet and the kind error pages all come from it, so
nginx can never send a page the app would not.

    python -m bench.nginxconf --prefix DIR --listen 127.0.0.1:8080 --upstream 127.0.0.1:8001 [...]

writes DIR/nginx.conf and DIR/static/ (needs the same settings as the app: DP_CONTENT_DIR, ...).
"""

from __future__ import annotations

import argparse
import os
import re
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, render_template

from app import create_app, i18n
from app.content.languages import DEFAULT
from app.security import HEADERS

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
ERRORS_TEMPLATE = ROOT / "deploy" / "nginx-errors.conf"  # included in each server as PREFIX/errors.conf
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
# The kind pages nginx sends for the errors it makes itself (deploy/nginx.conf, error_page).
ERROR_PAGES = (400, 405, 413, 429, 500)
# Production limits per client address (see deploy/nginx.conf and docs/adr/005-serving.md).
PAGE_RATE, PAGE_BURST = 20, 100
FORM_RATE, FORM_BURST = 5, 20
FEEDBACK_RATE, FEEDBACK_BURST = 10, 10  # per minute: feedback posts are stored
# Every limit lifted, for loopback load where every request comes from 127.0.0.1 (`make bench`, serving tests).
UNLIMITED = {f"{kind}_{what}": 1_000_000 for kind in ("page", "form", "feedback") for what in ("rate", "burst")}


def render(
    app: Flask,
    *,
    prefix: Path,
    listen: str | list[str],
    upstreams: list[str],
    static_root: Path,
    tls: tuple[Path, Path] | None = None,
    page_rate: int = PAGE_RATE,
    form_rate: int = FORM_RATE,
    page_burst: int = PAGE_BURST,
    form_burst: int = FORM_BURST,
    feedback_rate: int = FEEDBACK_RATE,
    feedback_burst: int = FEEDBACK_BURST,
    worker_processes: str = "auto",
    extra_hosts: tuple[str, ...] = (),
    access_log: str | None = None,
    error_log: str | None = None,
    nginx_user: str | None = None,
) -> str:
    """deploy/nginx.conf filled in. Only requests for the app's SITE_URL host (and ``extra_hosts``, such
    as 127.0.0.1 for loopback runs) are answered. Logs go under ``prefix`` unless given ("/dev/stdout",
    "stderr" in a container)."""
    addresses = [listen] if isinstance(listen, str) else listen
    languages = [code for code in app.extensions["dp_site"].settings.languages if code != DEFAULT]
    site_url = app.config["SITE_URL"]
    hosts = [urlsplit(site_url).hostname, *extra_hosts]
    has_brotli = BROTLI_MODULE.exists()
    for value in HEADERS.values():
        assert '"' not in value, "a header value nginx would need to escape"
    values = {
        # Started by a normal user (as it should be in production), the workers run as that user. Started by
        # root (CI's loopback runs), they keep root's rights: a test's folders are closed to "nobody".
        "USER": (f"user {nginx_user};" if nginx_user else "user root root;" if os.geteuid() == 0
                 else "# (workers run as the user who starts nginx)"),
        "WORKER_PROCESSES": worker_processes,
        "PREFIX": str(prefix),
        "LOAD_MODULES": f"load_module {BROTLI_MODULE};" if has_brotli else "",
        "BROTLI_STATIC": "            brotli_static on;" if has_brotli else "",
        "MIME_TYPES": str(MIME_TYPES),
        "MAX_BODY": str(app.config["MAX_CONTENT_LENGTH"]),
        "PAGE_RATE": str(page_rate),
        "FORM_RATE": str(form_rate),
        "PAGE_BURST": str(page_burst),
        "FORM_BURST": str(form_burst),
        "FEEDBACK_RATE": str(feedback_rate),
        "FEEDBACK_BURST": str(feedback_burst),
        "ERROR_LANG_MAP": "\n".join(f'        "~^/{code}(?:/|$)" {code};' for code in languages),
        "LANG_PATH": "(?:" + "|".join(f"{code}/" for code in languages) + ")?" if languages else "",
        # The same, as a client may write it: "/pl//check" is still the explainer.
        "LANG_PATH_LOOSE": "(?:(?:" + "|".join(languages) + ")/+)?" if languages else "",
        "SERVER_NAMES": " ".join(dict.fromkeys(hosts)),
        "ACCESS_LOG": access_log or str(prefix / "access.log"),
        "ERROR_LOG": error_log or str(prefix / "error.log"),
        "UPSTREAMS": "\n".join(f"        server {address} max_fails=1 fail_timeout=5s;" for address in upstreams),
        "LISTEN": "\n".join(f"        listen {address}{' ssl' if tls else ''};" for address in addresses),
        "LISTEN_DEFAULT": "\n".join(f"        listen {address}{' ssl' if tls else ''} default_server;"
                                    for address in addresses),
        # With TLS, an unknown name is refused in the handshake: no certificate is shown for it.
        "TLS_REJECT": "        ssl_reject_handshake on;" if tls else "",
        "TLS": (f"        ssl_certificate {tls[0]};\n        ssl_certificate_key {tls[1]};\n"
                "        ssl_protocols TLSv1.2 TLSv1.3;") if tls else "",
        "HTTP_TO_HTTPS": (
            "    server {\n"
            + "".join(f"        listen {address.rsplit(':', 1)[0]}:80;\n" for address in addresses)
            + f"        return 301 {site_url}$request_uri;\n    }}"
        ) if tls else "",
        "STATIC_ROOT": str(static_root),
        "SECURITY_HEADERS": "\n".join(
            f'            add_header {name} "{value}" always;' for name, value in HEADERS.items()
        ),
    }
    return fill(TEMPLATE, values)


def fill(template: Path, values: dict[str, str]) -> str:
    return re.sub(r"@([A-Z_]+)@", lambda match: values[match[1]], template.read_text())


def render_errors(static_root: Path, indent: str = "        ") -> str:
    """deploy/nginx-errors.conf filled in, indented to sit inside a server block."""
    headers = "\n".join(f'add_header {name} "{value}" always;' for name, value in HEADERS.items())
    values = {"STATIC_ROOT": str(static_root), "SECURITY_HEADERS": textwrap.indent(headers, "    ")}
    return textwrap.indent(fill(ERRORS_TEMPLATE, values), indent)


def export_static(app: Flask, static_root: Path) -> None:
    """The fingerprinted assets with their .gz and .br twins, and the kind error pages in every language."""
    assets = static_root / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for asset in (app.extensions["dp_stylesheet"], app.extensions["dp_icon"]):
        target = assets / asset.name
        target.write_bytes(asset.identity)
        target.with_name(target.name + ".gz").write_bytes(asset.gzip)
        target.with_name(target.name + ".br").write_bytes(asset.br)
    for lang in app.extensions["dp_site"].settings.languages:
        folder = static_root / "_errors" / lang
        folder.mkdir(parents=True, exist_ok=True)
        prefix = "" if lang == DEFAULT else f"/{lang}"
        environ = {i18n.LANG_KEY: lang, i18n.BASE_KEY: "", "SCRIPT_NAME": prefix}
        for status in ERROR_PAGES:
            with app.test_request_context("/", environ_overrides=environ):
                html = render_template("errors/error.html", status=status)
            (folder / f"{status}.html").write_text(html, encoding="utf-8")


def prepare(app: Flask, prefix: Path, **options) -> Path:
    """Write PREFIX/nginx.conf and PREFIX/static; return the config's path."""
    for folder in ("tmp", "cache"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    static_root = prefix / "static"
    export_static(app, static_root)
    (prefix / "errors.conf").write_text(render_errors(static_root))
    config = prefix / "nginx.conf"
    config.write_text(render(app, prefix=prefix, static_root=static_root, **options))
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", type=Path, required=True, help="folder for the config, cache, logs and files")
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--upstream", action="append", required=True, help="an app instance, host:port (repeat)")
    parser.add_argument("--tls-cert", type=Path, help="serve HTTPS with this certificate (and --tls-key)")
    parser.add_argument("--tls-key", type=Path)
    parser.add_argument("--extra-host", action="append", default=[],
                        help="another Host name to answer besides SITE_URL's (repeat)")
    parser.add_argument("--access-log", help="where the access log goes (default PREFIX/access.log)")
    parser.add_argument("--error-log", help="where the error log goes (default PREFIX/error.log)")
    parser.add_argument("--nginx-user", help="the user nginx's workers run as, when nginx is started by root "
                                             "(deploy/compose.yaml: the nginx image's 'nginx')")
    args = parser.parse_args()
    tls = (args.tls_cert.resolve(), args.tls_key.resolve()) if args.tls_cert and args.tls_key else None
    config = prepare(create_app(), args.prefix.resolve(), listen=args.listen, upstreams=args.upstream, tls=tls,
                     extra_hosts=tuple(args.extra_host), access_log=args.access_log, error_log=args.error_log,
                     nginx_user=args.nginx_user)
    print(f"nginx -p {args.prefix.resolve()} -c {config} -e stderr")


if __name__ == "__main__":
    main()
