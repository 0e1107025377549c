#!/usr/bin/env python3
"""Offline checks of docker-compose.yml, the two Dockerfiles and deploy/handoff.env.example.

Needs Python 3 and PyYAML only. When check-jsonschema (or jsonschema plus check-jsonschema's
vendored compose-spec schema) is installed, the interpolated file is also validated against the
Compose specification's JSON schema; when Docker Compose v2 is installed (the `docker compose`
plugin, a `docker-compose` v2 binary on the PATH, or --compose-bin), `config --quiet` runs as
well. None of it needs a Docker engine.

    python3 deploy/check-compose.py              # from anywhere; exits 1 on any failure
    python3 deploy/check-compose.py --require-schema

What it checks, beyond "it parses": Compose-style interpolation with the example env file (so a
variable without a default shows up); service references (depends_on, volumes, secrets); image
pins; the worker stays scalable; the one-shot registers exactly the search attributes the workflow
code declares (HandoffSearchAttributes.java), with their types; every configuration key of the
worker (DynamicsProperties, OpenCxProperties, MediaProperties) reaches the worker container;
every variable the compose file reads is in the example env file and vice versa; the Dockerfiles
copy the jar Maven builds, run as non-root and health-check /actuator/health; every file compose
mounts exists; the Prometheus config, its alert rules and the Grafana files parse, and every
handoff_* metric an alert or a dashboard panel names is one the code exports.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("check-compose: PyYAML is required (python3 -m pip install pyyaml)")

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / "deploy" / "handoff.env.example"
# The compose-free PostgreSQL-backed Temporal (docs/temporal-postgres.md): same versions, same attributes.
TEMPORAL_POSTGRES = ROOT / "deploy" / "temporal-postgres.sh"
SEARCH_ATTRIBUTES = (
    ROOT / "workflows/src/main/java/com/opencx/handoff/workflows/HandoffSearchAttributes.java"
)
WORKER_CONFIG = ROOT / "worker/src/main/java/com/opencx/handoff/worker/config"
# Worker configuration keys deliberately not passed from .env, and why.
WORKER_KEYS_NOT_PASSED = {
    "DYNAMICS_STATIC_TOKEN": "emulator only; refused with an https environment URL",
    "MEDIA_MAX_BYTES_BY_TYPE": "map keys contain '/': set through SPRING_APPLICATION_JSON",
}
# Where the exported metric names are declared: Java string constants "handoff.x.y" (Micrometer)
# or "handoff_x" (the workflow's metrics scope).
METRIC_SOURCES = [
    ROOT / "workflows/src/main/java/com/opencx/handoff/workflows/HandoffMetrics.java",
    ROOT / "activities/src/main/java",
    ROOT / "starter/src/main/java/com/opencx/handoff/starter/metrics",
]
# Long-running services that must answer a health check.
MUST_HAVE_HEALTHCHECK = {"postgresql", "temporal"}

results: list[tuple[bool, str]] = []


def check(ok: bool, what: str) -> bool:
    results.append((bool(ok), what))
    return bool(ok)


# --- Compose-style interpolation -----------------------------------------------------------

VAR = re.compile(r"\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


def parse_env_file(path: Path) -> tuple[dict[str, str], set[str]]:
    """Values of `NAME=value` lines, and every name mentioned as `NAME=` or `#NAME=`."""
    values: dict[str, str] = {}
    mentioned: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        active = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line)
        commented = re.match(r"^#([A-Za-z_][A-Za-z0-9_]*)=", line)
        if active:
            value = active.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[active.group(1)] = value
            mentioned.add(active.group(1))
        elif commented:
            mentioned.add(commented.group(1))
    return values, mentioned


def interpolate(node, env: dict[str, str], used: set[str], errors: list[str]):
    if isinstance(node, dict):
        return {k: interpolate(v, env, used, errors) for k, v in node.items()}
    if isinstance(node, list):
        return [interpolate(v, env, used, errors) for v in node]
    if not isinstance(node, str):
        return node

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(4)
        op, arg = match.group(2), match.group(3) or ""
        used.add(name)
        value = env.get(name)
        unset_or_empty = value is None or value == ""
        if op == ":-":
            return arg if unset_or_empty else value
        if op == "-":
            return arg if value is None else value
        if op in (":?", "?"):
            if (unset_or_empty if op == ":?" else value is None):
                errors.append(f"{name}: {arg}")
                return ""
            return value
        return value or ""

    return VAR.sub(substitute, node)


# --- Helpers ---------------------------------------------------------------------------------


def env_entries(service: dict) -> dict[str, str | None]:
    """A service's environment as {name: value}; a bare list entry has value None (pass-through)."""
    env = service.get("environment") or {}
    if isinstance(env, dict):
        return {k: (None if v is None else str(v)) for k, v in env.items()}
    out: dict[str, str | None] = {}
    for item in env:
        name, sep, value = str(item).partition("=")
        out[name] = value if sep else None
    return out


def camel_to_env(prefix: str, name: str) -> str:
    return prefix.upper() + "_" + re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def record_components(java: Path) -> list[str]:
    """Component names of the `public record X(...)` in a properties class."""
    text = java.read_text(encoding="utf-8")
    # String literals first (Bean Validation patterns hold parentheses), then the header by
    # balanced parentheses, then its annotations with their (possibly nested) arguments.
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    start = re.search(r"public record \w+\(", text)
    if not start:
        return []
    depth, i = 1, start.end()
    while i < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    header = text[start.end():i - 1]
    params = ""
    j = 0
    while j < len(header):
        if header[j] == "@":
            j += 1
            while j < len(header) and (header[j].isalnum() or header[j] in "_."):
                j += 1
            if j < len(header) and header[j] == "(":
                depth = 0
                while j < len(header):
                    depth += {"(": 1, ")": -1}.get(header[j], 0)
                    j += 1
                    if depth == 0:
                        break
            continue
        params += header[j]
        j += 1
    names = []
    depth = 0
    current = ""
    for ch in params:
        depth += ch == "<"
        depth -= ch == ">"
        if ch == "," and depth == 0:
            names.append(current.split()[-1])
            current = ""
        else:
            current += ch
    if current.strip():
        names.append(current.split()[-1])
    return names


def maven_exec_jar(module: str) -> str:
    pom = (ROOT / module / "pom.xml").read_text(encoding="utf-8")
    body = re.sub(r"<parent>.*?</parent>", "", pom, flags=re.S)
    artifact = re.search(r"<artifactId>([^<]+)</artifactId>", body).group(1)
    parent = re.search(r"<parent>.*?<version>([^<]+)</version>.*?</parent>", pom, re.S)
    own = re.search(r"<version>([^<]+)</version>", body.split("<dependencies>")[0])
    version = (own or parent).group(1)
    return f"target/{artifact}-{version}-exec.jar"


def compose_command(explicit: str | None) -> list[str] | None:
    """`docker compose` (plugin) or a standalone Compose v2 binary; None when neither is there."""
    candidates = [[explicit]] if explicit else []
    if shutil.which("docker"):
        candidates.append([shutil.which("docker"), "compose"])
    if shutil.which("docker-compose"):
        candidates.append([shutil.which("docker-compose")])
    for candidate in candidates:
        try:
            version = subprocess.run([*candidate, "version"], capture_output=True, text=True)
        except OSError:
            continue
        # Compose v1 (the Python docker-compose 1.x) does not know this file's syntax: skip it.
        if version.returncode == 0 and version.stdout.startswith("Docker Compose version"):
            return candidate
    return None


# --- Checks ----------------------------------------------------------------------------------


def exported_metrics() -> set[str]:
    """Prometheus base names of the metrics the code declares (dots become underscores)."""
    names: set[str] = set()
    for source in METRIC_SOURCES:
        files = [source] if source.is_file() else sorted(source.rglob("*.java"))
        for java in files:
            for name in re.findall(r'static final String \w+\s*=\s*"(handoff[._][a-z._]+)"',
                                   java.read_text(encoding="utf-8")):
                names.add(name.replace(".", "_"))
    return names


def check_metrics_files(services: dict) -> None:
    """Mounted files exist; Prometheus, its rules and Grafana's files parse; names are exported."""
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source")
            if source and source.startswith("./"):
                check((ROOT / source).exists(), f"{name}: mounted {source} exists")
    prometheus = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text(encoding="utf-8"))
    jobs = {job["job_name"]: job for job in prometheus.get("scrape_configs", [])}
    check(jobs.get("handoff-worker", {}).get("metrics_path") == "/actuator/prometheus"
          and "8081" in json.dumps(jobs.get("handoff-worker")), "prometheus: scrapes the worker on 8081")
    check("api:8080" in json.dumps(jobs.get("handoff-api")), "prometheus: scrapes the API on 8080")
    mounted = {v.split(":")[1] for v in services.get("prometheus", {}).get("volumes", []) if ":" in v}
    for rule_file in prometheus.get("rule_files", []):
        check(rule_file in mounted, f"prometheus: rule file {rule_file} is mounted")
    rules = yaml.safe_load((ROOT / "deploy/prometheus/alerts.yml").read_text(encoding="utf-8"))
    alerts = [r for g in rules.get("groups", []) for r in g.get("rules", [])]
    check(all("alert" in r and "expr" in r for r in alerts) and len(alerts) >= 3,
          f"alerts.yml: {len(alerts)} alert rules, each with alert and expr")
    check({"HandoffsParked", "DataverseThrottled", "WorkItemSlow"} <= {r.get("alert") for r in alerts},
          "alerts.yml: parked, 429 and work item p95 alerts are defined")
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/handoff.json").read_text(encoding="utf-8"))
    panel_exprs = [t["expr"] for p in dashboard.get("panels", []) for t in p.get("targets", [])]
    check(panel_exprs, f"handoff.json: parses as JSON with {len(panel_exprs)} panel queries")
    for f in ("datasources/prometheus.yml", "dashboards/handoff.yml"):
        check(isinstance(yaml.safe_load((ROOT / "deploy/grafana/provisioning" / f).read_text()), dict),
              f"grafana provisioning {f} parses")
    exported = exported_metrics()
    suffixes = ("", "_total", "_seconds", "_seconds_bucket", "_seconds_count", "_seconds_sum",
                "_seconds_max", "_bytes_total")
    for expr in [r["expr"] for r in alerts] + panel_exprs:
        for metric in set(re.findall(r"\b(handoff_[a-z_]+)", expr)):
            known = any(metric == base + suffix for base in exported for suffix in suffixes)
            check(known, f"{metric} (in '{expr[:60]}...') is a metric the code exports")


def check_temporal_postgres(services: dict, declared: dict[str, str]) -> None:
    """deploy/temporal-postgres.sh runs the server and UI versions compose runs, with the same attributes."""
    text = TEMPORAL_POSTGRES.read_text(encoding="utf-8")
    pinned = dict(re.findall(r'^(server_version|ui_version)="([\d.]+)"$', text, re.M))
    compose_server = (services["temporal"].get("image") or "").rsplit(":", 1)[-1]
    compose_ui = (services.get("temporal-ui", {}).get("image") or "").rsplit(":", 1)[-1]
    check(pinned.get("server_version") == compose_server,
          f"temporal-postgres.sh builds the server version compose runs "
          f"(script {pinned.get('server_version')}, temporalio/auto-setup {compose_server})")
    check(pinned.get("ui_version") == compose_ui,
          f"temporal-postgres.sh builds the UI version compose runs "
          f"(script {pinned.get('ui_version')}, temporalio/ui {compose_ui})")
    line = re.search(r'^attributes="([^"]*)"$', text, re.M)
    registered = dict(re.findall(r"\b(\w+):(\w+)\b", line.group(1))) if line else {}
    check(registered == declared,
          "temporal-postgres.sh registers the declared attributes with their types"
          + ("" if registered == declared else f" (declared {declared}, registered {registered})"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require-schema", action="store_true",
                        help="fail when the compose-spec JSON schema cannot be loaded")
    parser.add_argument("--compose-bin", metavar="PATH",
                        help="a standalone Docker Compose v2 binary to run `config --quiet` with")
    args = parser.parse_args()

    raw = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    check(isinstance(raw, dict) and "services" in raw, "docker-compose.yml parses as YAML with services")
    env_values, env_mentioned = parse_env_file(ENV_EXAMPLE)
    used: set[str] = set()
    missing_required: list[str] = []
    compose = interpolate(raw, env_values, used, missing_required)
    check(not missing_required,
          "interpolates with deploy/handoff.env.example"
          + (f" (unset required: {missing_required})" if missing_required else ""))

    services: dict = compose["services"]
    names = set(services)

    # Schema
    schema = None
    try:
        import importlib.resources as resources
        import jsonschema  # noqa: F401

        schema_text = (resources.files("check_jsonschema") / "builtin_schemas" / "vendor"
                       / "compose-spec.json").read_text(encoding="utf-8")
        schema = json.loads(schema_text)
    except Exception as e:  # noqa: BLE001
        if args.require_schema:
            check(False, f"compose-spec schema available ({e.__class__.__name__}: {e})")
        else:
            print(f"note: compose-spec schema not available ({e.__class__.__name__}); "
                  "python3 -m pip install check-jsonschema to validate against it")
    if schema is not None:
        import jsonschema

        validator_class = jsonschema.validators.validator_for(schema)
        validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
        for error in errors[:10]:
            print(f"schema: {'/'.join(map(str, error.path))}: {error.message}")
        check(not errors, "valid against the compose-spec JSON schema (check-jsonschema's vendored copy)")

    # References
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        targets = depends if isinstance(depends, dict) else {d: {} for d in depends}
        for target, spec in targets.items():
            check(target in names, f"{name}: depends_on {target} exists")
            condition = (spec or {}).get("condition", "service_started")
            if condition == "service_healthy":
                check(target in names and ("healthcheck" in services[target]
                                           or "build" in services[target]),
                      f"{name}: {target} has a healthcheck (compose or image) to wait for")
            if condition == "service_completed_successfully":
                check(target in names and str(services[target].get("restart", "no")) == "no",
                      f"{name}: one-shot {target} is not restarted")
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source")
            if source and not source.startswith((".", "/", "~")):
                check(source in (compose.get("volumes") or {}),
                      f"{name}: named volume {source} is declared")
        for secret in service.get("secrets") or []:
            source = secret if isinstance(secret, str) else secret.get("source")
            check(source in (compose.get("secrets") or {}), f"{name}: secret {source} is declared")
        if "image" in service and "build" not in service:
            image = service["image"]
            tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
            check(tag and tag != "latest" and re.search(r"\d", tag),
                  f"{name}: image {image} is pinned to a version")
        if name in MUST_HAVE_HEALTHCHECK:
            check("healthcheck" in service, f"{name}: has a healthcheck")
    for name in ("postgresql", "temporal", "temporal-search-attributes", "temporal-ui", "worker", "api"):
        check(name in names, f"service {name} is defined")

    # Worker scalable
    worker = services.get("worker", {})
    check("container_name" not in worker, "worker: no container_name (scalable)")
    check(not worker.get("ports"), "worker: no published ports (scalable)")
    for name in ("worker", "api"):
        env = env_entries(services.get(name, {}))
        check(env.get("TEMPORAL_ADDRESS") == "temporal:7233", f"{name}: TEMPORAL_ADDRESS=temporal:7233")
    check(re.fullmatch(r"temporalio/auto-setup:[\d.]+", services["temporal"]["image"] or ""),
          "temporal: temporalio/auto-setup, PostgreSQL-backed")
    check(env_entries(services["temporal"]).get("DB") == "postgres12", "temporal: DB=postgres12")

    # Search attributes: the one-shot registers exactly what the workflow declares.
    declared = dict(
        (name, {"forKeyword": "Keyword", "forBoolean": "Bool", "forLong": "Int",
                "forDouble": "Double", "forOffsetDateTime": "Datetime", "forText": "Text",
                "forKeywordList": "KeywordList"}[kind])
        for kind, name in re.findall(r"SearchAttributeKey\.(\w+)\(\"(\w+)\"\)",
                                     SEARCH_ATTRIBUTES.read_text(encoding="utf-8")))
    init = services.get("temporal-search-attributes", {})
    script = "\n".join(init.get("command") or []) if isinstance(init.get("command"), list) else str(init.get("command"))
    registered = dict(re.findall(r"\b(\w+):(Keyword|Bool|Int|Double|Datetime|Text|KeywordList)\b", script))
    check(len(declared) == 8, f"HandoffSearchAttributes declares 8 attributes ({sorted(declared)})")
    check(registered == declared,
          f"temporal-search-attributes registers the declared attributes with their types"
          + ("" if registered == declared else f" (declared {declared}, registered {registered})"))
    check("temporal operator search-attribute create" in script, "registration uses the temporal CLI")
    check_temporal_postgres(services, declared)
    check(init.get("image", "").startswith("temporalio/admin-tools:"), "registration runs in temporalio/admin-tools")

    # Every worker configuration key reaches the worker container.
    worker_env = env_entries(worker)
    for java, prefix in (("DynamicsProperties.java", "dynamics"), ("OpenCxProperties.java", "opencx"),
                         ("MediaProperties.java", "media")):
        components = record_components(WORKER_CONFIG / java)
        check(components, f"{java}: configuration keys found")
        for component in components:
            env_name = camel_to_env(prefix, component)
            if env_name in WORKER_KEYS_NOT_PASSED:
                continue
            # A list key reaches it as its first entry's keys (NAME_0_FIELD).
            passed = env_name in worker_env or any(k.startswith(env_name + "_0_") for k in worker_env)
            check(passed, f"worker: {prefix}.{component} reaches the container as {env_name}")
    check("DEFAULT_QUEUE_ID" in worker_env, "worker: legacy default_queue_id reaches the container")
    api_env = env_entries(services.get("api", {}))
    for key in ("HANDOFF_API_OPENCX_TOKENS", "HANDOFF_API_OPS_TOKENS"):
        check(key in api_env, f"api: {key} reaches the container")
    check(not {k for k in api_env if k.startswith(("DYNAMICS_", "OPENCX_"))},
          "api: gets no Dataverse/OpenCX credentials")
    check(not {k for k in worker_env if k.startswith("HANDOFF_API_")}, "worker: gets no API tokens")

    # Variables: compose <-> example env file.
    passthrough = {k for s in services.values() for k, v in env_entries(s).items() if v is None}
    read_by_compose = used | passthrough
    check(not (read_by_compose - env_mentioned),
          "every variable docker-compose.yml reads is in deploy/handoff.env.example"
          + ("" if not (read_by_compose - env_mentioned) else f" (missing {sorted(read_by_compose - env_mentioned)})"))
    check(not (env_mentioned - read_by_compose),
          "every variable in deploy/handoff.env.example is read by docker-compose.yml"
          + ("" if not (env_mentioned - read_by_compose) else f" (unused {sorted(env_mentioned - read_by_compose)})"))
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^#?[A-Za-z_][A-Za-z0-9_]*=", line):
            check(i > 0 and lines[i - 1].startswith("# ") and not re.match(r"^#[A-Za-z_]\w*=", lines[i - 1]),
                  f"handoff.env.example: {line.split('=')[0].lstrip('#')} has a comment line")
    secretish = re.compile(r"(PASSWORD|SECRET|API_KEY|TOKENS)$")
    for name, value in env_values.items():
        if secretish.search(name):
            check("change-me" in value, f"handoff.env.example: {name} holds a placeholder, not a secret")

    # Dockerfiles
    for service_name, module in (("worker", "worker"), ("api", "starter")):
        build = services.get(service_name, {}).get("build") or {}
        context = ROOT / (build.get("context") if isinstance(build, dict) else build)
        dockerfile = context / (build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile")
        if not check(dockerfile.is_file(), f"{service_name}: {dockerfile.relative_to(ROOT)} exists"):
            continue
        text = dockerfile.read_text(encoding="utf-8")
        jar = maven_exec_jar(module)
        check(re.search(r"^FROM eclipse-temurin:17[\w.\-]*-jre", text, re.M),
              f"{dockerfile.relative_to(ROOT)}: eclipse-temurin 17 JRE base, pinned")
        check(re.search(rf"^COPY {re.escape(jar)} ", text, re.M),
              f"{dockerfile.relative_to(ROOT)}: copies {module}/{jar} (the jar ./mvnw -DskipTests package builds)")
        user = re.findall(r"^USER (\S+)", text, re.M)
        check(user and not user[-1].startswith(("root", "0:", "0")), f"{dockerfile.relative_to(ROOT)}: runs as non-root")
        check(re.search(r"^HEALTHCHECK .*\n?.*?/actuator/health", text, re.M),
              f"{dockerfile.relative_to(ROOT)}: HEALTHCHECK on /actuator/health")
        if not (ROOT / module / jar).is_file():
            print(f"note: {module}/{jar} not built yet (./mvnw -DskipTests package before docker compose build)")

    check_metrics_files(services)

    # docker compose itself (v2: the plugin, or a standalone binary); never needs the engine.
    compose_cmd = compose_command(args.compose_bin)
    if compose_cmd:
        run = subprocess.run([*compose_cmd, "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE),
                              "config", "--quiet"], capture_output=True, text=True, cwd=ROOT)
        check(run.returncode == 0, f"{' '.join(compose_cmd)} config --quiet"
              + (f": {run.stderr.strip()}" if run.returncode else ""))
    else:
        print("note: Docker Compose v2 is not installed; skipped `docker compose config`")

    failed = [what for ok, what in results if not ok]
    for what in failed:
        print(f"FAIL {what}")
    print(f"check-compose: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
