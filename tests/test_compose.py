"""deploy/compose.yaml, the way the image is meant to run: the app never published, nginx in front,
and the render step it runs really producing a config nginx accepts (run here, without Docker)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench import servers

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
APPS = [name for name, service in SERVICES.items() if service.get("image") == "direct-payments-guide"
        and "build" in service]


def test_only_nginx_is_published_and_the_apps_believe_only_it():
    assert len(APPS) == 2  # two instances: one can die (or be redeployed) and no request is lost
    published = [name for name, service in SERVICES.items() if service.get("ports")]
    assert published == ["nginx"]
    for name in APPS:
        service = SERVICES[name]
        assert service["environment"]["DP_PROXY_COUNT"] == "1", name
        # Production refuses to start without these: compose stops first, with a message.
        for variable in ("DP_SECRET_KEY", "DP_SITE_URL"):
            assert service["environment"][variable].startswith(f"${{{variable}:?"), (name, variable)
        assert service["read_only"] is True
    assert {"app-a", "app-b"} <= set(SERVICES["nginx"]["depends_on"])


def test_every_log_is_bounded():
    for name, service in SERVICES.items():
        options = service["logging"]["options"]
        assert options["max-size"] and options["max-file"], name


@pytest.mark.usefixtures("nginx_installed")
def test_the_render_step_makes_a_config_nginx_accepts(tmp_path):
    render = SERVICES["nginx-config"]["command"][0].split("&&")[0]
    nginx_command = SERVICES["nginx"]["command"]
    prefix = nginx_command[nginx_command.index("-p") + 1]
    assert f"--prefix {prefix} " in render
    assert all(f"--upstream {name}:8000" in render for name in APPS)
    # What only exists inside the containers, swapped for this machine's equivalents.
    local = render.replace(f"--prefix {prefix} ", f"--prefix {tmp_path} ")
    for name in APPS:
        local = local.replace(f"{name}:8000", "127.0.0.1:9")
    local = local.replace("--nginx-user nginx", "--nginx-user root")
    arguments = shlex.split(local)
    assert arguments[:3] == ["python", "-m", "bench.nginxconf"]
    env = servers.app_env(DP_SITE_URL="https://directpayments.example.gov.uk")
    subprocess.run([sys.executable, *arguments[1:]], cwd=ROOT, env=env, check=True, capture_output=True)
    config = tmp_path / "nginx.conf"
    text = config.read_text()
    assert "server_name directpayments.example.gov.uk;" in text
    assert "access_log /dev/stdout path_only" in text
    result = subprocess.run([servers.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config), "-e", "stderr"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
