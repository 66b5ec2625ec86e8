"""`make observatory`: the MDN HTTP Observatory's real grader, run on this machine.

The grader (@mdn/mdn-http-observatory, pinned in bench/observatory/package.json) fetches
http://localhost/ and https://localhost/ on the standard ports, so this needs root. It runs
against gunicorn behind deploy/nginx.conf with TLS from a throwaway local certificate
authority, the way a council would serve the site. Its postinstall step downloads lists, so it
is installed with --ignore-scripts and given an empty HSTS preload list (anchors-quality.md B3).
Target: A+ with a score of at least 125.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from app import create_app

from . import nginxconf, servers

HERE = Path(__file__).resolve().parent / "observatory"
GRADER = HERE / "node_modules" / "@mdn" / "mdn-http-observatory"
LOCK = Path(tempfile.gettempdir()) / "dp-guide-observatory.lock"


def install_grader() -> None:
    if not GRADER.exists():
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    preload = GRADER / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}\n")  # the real list comes from the network; this site is on no list


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A one-off certificate authority and a certificate for localhost signed by it."""
    ca_key, ca, key, request, cert = (folder / name for name in ("ca.key", "ca.pem", "tls.key", "tls.csr", "tls.pem"))
    extensions = folder / "san.ext"
    extensions.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n")
    openssl = ["openssl"]
    subprocess.run([*openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=dp-guide test CA", "-keyout", ca_key, "-out", ca], check=True, capture_output=True)
    subprocess.run([*openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", key,
                    "-out", request], check=True, capture_output=True)
    subprocess.run([*openssl, "x509", "-req", "-in", request, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
                    "-days", "1", "-extfile", extensions, "-out", cert], check=True, capture_output=True)
    return ca, cert, key


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for_https(url: str, ca: Path, process: subprocess.Popen, timeout: float = 20) -> None:
    context = ssl.create_default_context(cafile=str(ca))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1, context=context) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def can_run() -> bool:
    return os.geteuid() == 0 and servers.nginx_binary() is not None and shutil.which("node") is not None


def grade() -> dict:
    """Serve the site with TLS on localhost:443 (and :80), run the grader, return its report."""
    work = Path(tempfile.mkdtemp(prefix="dp-observatory-"))
    ca, cert, key = make_certificates(work)
    # The grader asks for https://localhost/ and checks that http:// redirects there.
    app = create_app({"SITE_URL": "https://localhost"})
    # Ports 80 and 443 are one per machine: runs (a test and `make observatory`, say) take turns.
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for port in (80, 443):
            if not port_is_free(port):
                raise RuntimeError(f"port {port} is in use by another program (a system nginx?): the grader needs it")
        install_grader()
        report = run_grader(app, work, ca, cert, key)
    shutil.rmtree(work, ignore_errors=True)
    report["version"] = json.loads((GRADER / "package.json").read_text())["version"]
    return report


def run_grader(app, work: Path, ca: Path, cert: Path, key: Path) -> dict:
    with servers.gunicorn(work / "gunicorn.log", env=servers.app_env(**servers.BEHIND_NGINX)) as app_server:
        prefix = work / "nginx"
        config = nginxconf.prepare(app, prefix, listen=["127.0.0.1:443", "[::1]:443"], upstreams=[app_server.address],
                                   tls=(cert, key))
        nginx = subprocess.Popen([servers.nginx_binary(), "-p", str(prefix), "-c", str(config), "-e", "stderr",
                                  "-g", "daemon off;"])
        try:
            wait_for_https("https://localhost/healthz", ca, nginx)
            result = subprocess.run(["node", str(HERE / "scan.mjs"), "localhost"], cwd=HERE, capture_output=True,
                                    text=True, env={**os.environ, "NODE_EXTRA_CA_CERTS": str(ca)}, timeout=120)
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
    if result.returncode != 0:
        raise RuntimeError(f"the grader failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout)


def main() -> int:
    if not can_run():
        print("make observatory needs root (the grader uses ports 80 and 443), nginx and node", file=sys.stderr)
        return 2
    report = grade()
    print(f"MDN HTTP Observatory {report['version']} (algorithm {report['algorithmVersion']}) on "
          "https://localhost/ via deploy/nginx.conf:")
    print(f"grade {report['grade']}, score {report['score']}, "
          f"{report['testsPassed']}/{report['testsQuantity']} tests passed")
    for name, test in sorted(report["tests"].items()):
        print(f"  {'pass' if test['pass'] else 'FAIL'} {test['scoreModifier']:+4d}  {name}: {test['result']}")
    return 0 if report["grade"] == "A+" and report["score"] >= 125 else 1


if __name__ == "__main__":
    sys.exit(main())
