"""`make bench`: how fast the site is served on this machine, with gunicorn alone and behind nginx.

Starts gunicorn (deploy/gunicorn.conf.py) and nginx (deploy/nginx.conf, rendered for loopback) and
drives them with wrk. Prints requests per second and p50/p99 for one content page (1) straight from
gunicorn, (2) through nginx's micro-cache and (3) nginx sending the same bytes as a file, with the
ratios; then 200 connections through nginx mixing content pages and explainer POSTs; start-up time
and memory per worker; then a soak (bench/soak.py): a minute of mixed traffic with one of two
instances killed half-way. Targets: anchors-quality.md A8/B11, issues 7 and 16.

The rate limits are lifted for this run only (every request comes from 127.0.0.1); the fault tests
check them. The machine is shared: run it when `uptime` shows a low load, and quote the load.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app import create_app

from . import nginxconf, servers, soak
from .client import Client, options_on, question_id_from

PAGE_PAUSE_MS, POST_PAUSE_MS = 10, 20


@dataclass
class Load:
    what: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors plus responses that were not 2xx or 3xx

    def row(self) -> str:
        return f"| {self.what} | {self.rps:,.0f} | {self.p50_ms:.2f} | {self.p99_ms:.2f} | {self.errors} |"


def milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(what: str, output: str) -> Load:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1])
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1])
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(what, rps, p50, p99, errors + (int(non_2xx[1]) if non_2xx else 0))


def wrk(url: str, *, connections: int, seconds: int, script: Path | None = None) -> subprocess.Popen:
    # One wrk thread up to 32 connections (as in anchors-quality.md A6), two above.
    threads = 1 if connections <= 32 else 2
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def measure(what: str, url: str, *, connections: int, seconds: int, script: Path | None = None) -> Load:
    output = wrk(url, connections=connections, seconds=seconds, script=script).communicate()[0]
    return parse_wrk(what, output)


def pause_script(folder: Path, name: str, pause_ms: int, base: Path | None = None) -> Path:
    """A wrk script whose connections each wait ``pause_ms`` between requests, like people reading."""
    script = folder / name
    script.write_text((base.read_text() if base else "") + f"function delay() return {pause_ms} end\n")
    return script


@contextlib.contextmanager
def bare_nginx(folder: Path, page: bytes) -> Iterator[str]:
    """nginx with nothing but a file: no headers added, no log. The fastest these bytes can go."""
    folder.mkdir(parents=True)
    (folder / "page.html").write_bytes(page)
    port = servers.free_port()
    user = "user root root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user} worker_processes auto; pid {folder}/nginx.pid; error_log {folder}/error.log warn;\n"
        "events { worker_connections 4096; }\n"
        f"http {{ access_log off; sendfile on; tcp_nopush on; server {{ listen 127.0.0.1:{port}; root {folder}; }} }}\n"
    )
    command = [servers.nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", "stderr",
               "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/page.html"
    try:
        servers.wait_for(url, process, folder / "error.log")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def explainer_post_script(port: int, folder: Path) -> Path:
    """A wrk script that answers the second question of the explainer, with the cookie from the first."""
    client = Client(port)
    first = question_id_from(client.get("/check").body)
    first_page = client.get(f"/check/{first}").body
    answered = client.post(f"/check/{first}", {first: options_on(first_page, first)[0]})
    second = answered.location.rsplit("/", 1)[1]
    value = options_on(client.get(f"/check/{second}").body, second)[0]
    script = folder / "explainer-post.lua"
    script.write_text(textwrap.dedent(f"""\
        wrk.method = "POST"
        wrk.path = "/check/{second}"
        wrk.body = "{second}={value}"
        wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
        wrk.headers["Sec-Fetch-Site"] = "same-origin"
        wrk.headers["Cookie"] = "{client.cookie}"
    """))
    return script


def main() -> int:
    parser = argparse.ArgumentParser(description="Serving benchmark (see bench/run.py)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--page", default="/what-is-a-direct-payment", help="the content page to measure")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--soak-seconds", type=int, default=60, help="length of the soak (0: none)")
    args = parser.parse_args()
    if shutil.which("wrk") is None or servers.nginx_binary() is None:
        print("make bench needs wrk and nginx (Debian: apt-get install wrk nginx-light)", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="dp-bench-"))
    app = create_app()
    seconds = args.seconds
    load_before = os.getloadavg()
    print(f"make bench, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load average "
          f"{load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; gunicorn {args.workers} sync workers; "
          f"wrk on the same machine; {seconds} s per run", flush=True)
    with servers.gunicorn(work / "gunicorn.log", workers=args.workers,
                          env=servers.app_env(**servers.BEHIND_NGINX)) as app_server, \
            servers.nginx(app, work / "nginx", [app_server.address], **nginxconf.UNLIMITED) as proxy:
        page = Client(app_server.port).get(args.page)
        assert page.status == 200, f"{args.page} answered {page.status}"
        (work / "nginx" / "static" / "assets" / "bench-copy.html").write_bytes(page.body)
        post_script = explainer_post_script(proxy.port, work)
        with bare_nginx(work / "bare", page.body) as bare_url:
            for url in (app_server.url + args.page, proxy.url + args.page, proxy.url + "/assets/bench-copy.html",
                        bare_url):
                measure("warm-up", url, connections=32, seconds=1)
            direct = measure("gunicorn alone", app_server.url + args.page, connections=32, seconds=seconds)
            cached = measure("nginx micro-cache → gunicorn", proxy.url + args.page, connections=32, seconds=seconds)
            static_here = measure("nginx static: same bytes as a file, same config (the baseline)",
                                  proxy.url + "/assets/bench-copy.html", connections=32, seconds=seconds)
            static = measure("bare nginx (no added headers, no log), same bytes as a file", bare_url,
                             connections=32, seconds=seconds)
        # 200 connections at once through nginx: 180 reading content pages and 20 answering explainer
        # questions, each pausing between requests so the machine is busy but not saturated (about
        # 18,000 pages and 1,000 answers a second offered: far beyond any council's traffic).
        readers = wrk(proxy.url + args.page, connections=180, seconds=seconds,
                      script=pause_script(work, "pages-paused.lua", PAGE_PAUSE_MS))
        posters = wrk(proxy.url, connections=20, seconds=seconds,
                      script=pause_script(work, "posts-paused.lua", POST_PAUSE_MS, post_script))
        mixed_pages = parse_wrk(f"200 visitors via nginx: content page (180 conns, {PAGE_PAUSE_MS} ms pauses)",
                                readers.communicate()[0])
        mixed_posts = parse_wrk(f"200 visitors via nginx: explainer POST (20 conns, {POST_PAUSE_MS} ms pauses)",
                                posters.communicate()[0])
        # The same without pauses: every connection sends its next request at once (closed loop). The
        # p99 then only says how long the queue is: 200 connections / req/s.
        all_pages = measure("saturated: content page, 200 conns via nginx", proxy.url + args.page,
                            connections=200, seconds=seconds)
        all_posts = measure("saturated: explainer POST, 200 conns via nginx", proxy.url, connections=200,
                            seconds=seconds, script=post_script)
        workers = [servers.memory_kib(pid) for pid in app_server.worker_pids()]
        master = servers.memory_kib(app_server.process.pid)
        nginx_workers = [servers.memory_kib(pid) for pid in proxy.worker_pids()]

    loads = [direct, cached, static_here, static, mixed_pages, mixed_posts, all_pages, all_posts]
    print("\n| Run | req/s | p50 ms | p99 ms | errors |\n| --- | --- | --- | --- | --- |")
    print("\n".join(load.row() for load in loads))
    # The baseline is the same nginx, with the same config, sending the same bytes as a file: what
    # the micro-cache and the app are up against. The bare figure shows what logging and headers cost.
    direct_ratio, cached_ratio = direct.rps / static_here.rps, cached.rps / static_here.rps
    rss = sum(r for r, _ in workers) / len(workers) / 1024
    pss = sum(p for _, p in workers) / len(workers) / 1024
    print(f"\ngunicorn alone / nginx static: {direct_ratio:.1%} (target ≥ 8 %); "
          f"/ bare nginx: {direct.rps / static.rps:.1%}")
    print(f"micro-cache / nginx static:    {cached_ratio:.1%} (target ≥ 90 %); "
          f"/ bare nginx: {cached.rps / static.rps:.1%}")
    print(f"start-up (gunicorn to first answer, {args.workers} workers): {app_server.startup_seconds:.2f} s")
    print(f"memory per gunicorn worker: RSS {rss:.1f} MiB (PSS {pss:.1f} MiB: pages shared with the "
          f"preloaded master counted once); master RSS {master[0] / 1024:.1f} MiB; "
          f"nginx worker RSS {sum(r for r, _ in nginx_workers) / max(len(nginx_workers), 1) / 1024:.1f} MiB")
    soaked = soak.soak(work / "soak", seconds=args.soak_seconds) if args.soak_seconds else None
    if soaked:
        print(soaked.report())
        for failure in soaked.failures[:20]:
            print("  failed:", failure)
    load_after = os.getloadavg()
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    verdicts = {
        "gunicorn alone ≥ 8 % of nginx static": direct_ratio >= 0.08,
        "micro-cache ≥ 90 % of nginx static": cached_ratio >= 0.90,
        "p99 < 50 ms at 200 connections (content and explainer)": max(mixed_pages.p99_ms, mixed_posts.p99_ms) < 50,
        "0 errors": sum(load.errors for load in loads) == 0,
    }
    if soaked:
        verdicts["soak: 0 failed requests with an instance killed"] = not soaked.failures
        verdicts[f"soak: worker memory flat (within {soak.FLAT_KIB // 1024} MiB)"] = soaked.flat
    for goal, met in verdicts.items():
        print(f"{'met   ' if met else 'MISSED'} {goal}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
