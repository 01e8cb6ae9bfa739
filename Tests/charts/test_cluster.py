"""What a real cluster would do with the rendered charts, checked offline: installs that a
GitOps tool or `helm install --wait` can finish, webhook and driver pods that can work, every
configured host backed by a rendered Service, credentials that survive re-renders."""
from __future__ import annotations

import base64
import functools
import json
import re

import helm_python as helm
import pytest

import chartlib as c

LINES = ["spark-3.5", "spark-4.1"]


def all_cases():
    """(chart, overlay file or None) for every chart with its defaults and each overlay."""
    return [(ch, None) for ch in c.CHARTS] + [(c.overlay_target(p), p) for p in c.overlays()]


def case_id(case):
    chart, overlay = case
    return f"{chart}[{overlay.name if overlay else 'defaults'}]"


@functools.lru_cache(maxsize=None)
def _render(chart, overlay, extra_json, name):
    values = c.values_for(chart, overlay, json.loads(extra_json) if extra_json else None)
    return c.render(c.chart_path(chart), values, name)


def render(chart, overlay=None, extra=None, name=None):
    return _render(chart, overlay, json.dumps(extra, sort_keys=True) if extra else "", name or c.CHARTS[chart])


def workload(docs, kind, name_suffix):
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"].endswith(name_suffix)]
    assert len(found) == 1, f"expected one {kind} *{name_suffix}, found {[d['metadata']['name'] for d in found]}"
    return found[0]


def env_of(container):
    return {e["name"]: e.get("value") for e in container.get("env") or []}


def hook_phases(doc):
    return set(filter(None, (doc["metadata"].get("annotations") or {}).get("helm.sh/hook", "").split(",")))


# --- Failure 3: the metastore schema exists before the metastore has to be Ready ----------------

@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("mode", [None, "entrypoint", "initContainer"])
def test_metastore_schema_is_created_before_or_inside_the_metastore_start(line, mode):
    extra = {"hiveMetastore": {"schemaInit": mode}} if mode else None
    if line == "spark-3.5" and mode == "entrypoint":
        with pytest.raises(helm.HelmError, match="schemaInit=entrypoint"):
            render(line, extra=extra)
        return
    docs = render(line, extra=extra)
    for d in docs:
        # A post-install hook runs only after every resource is Ready: helm --wait, Argo CD and Flux
        # would wait for a metastore that waits for the hook.
        assert not ({"post-install", "post-upgrade"} & hook_phases(d)), \
            f"{d['kind']}/{d['metadata']['name']} is a post-install/upgrade hook"
    pod = workload(docs, "Deployment", "-hive-metastore")["spec"]["template"]["spec"]
    main = next(x for x in pod["containers"] if x["name"] == "metastore")
    values = c.merge(c.load_yaml(c.chart_path(line) / "values.yaml"), extra or {})["hiveMetastore"]
    if env_of(main).get("IS_RESUME") == "true":
        # the image skips schematool: an init container must have created the schema
        init = [x for x in pod.get("initContainers") or [] if "schematool" in " ".join(x.get("args", []))]
        assert init, f"{line}: IS_RESUME=true but no init container runs schematool"
        script = " ".join(init[0]["args"])
        assert "-info" in script and "-initSchema" in script
    else:
        # the image's own entrypoint runs schematool; only Hive 4 makes that idempotent
        assert str(values["image"]["tag"]).startswith("4."), \
            f"{line}: Hive {values['image']['tag']} re-runs initSchema at every start"


def test_hive_3_line_defaults_to_the_init_container():
    pod = workload(render("spark-3.5"), "Deployment", "-hive-metastore")["spec"]["template"]["spec"]
    assert [x["name"] for x in pod["initContainers"]][-1] == "schema"


# --- Failure 4: the operator webhook can write its serving certificate ---------------------------

# kubeflow/spark-operator v2.5.2, cmd/operator/webhook/start.go: flag --webhook-cert-dir, default
# /etc/k8s-webhook-server/serving-certs; the webhook writes its generated key and certificate there
# at start. The controller runs spark-submit, which writes under /tmp.
OPERATOR_WRITES = {"webhook": ("--webhook-cert-dir=", "/etc/k8s-webhook-server/serving-certs"),
                   "controller": (None, "/tmp")}


def writable_mounts(pod, container):
    writable = {v["name"] for v in pod.get("volumes") or [] if "emptyDir" in v or "persistentVolumeClaim" in v
                or "ephemeral" in v}
    return [m["mountPath"] for m in container.get("volumeMounts") or []
            if m["name"] in writable and not m.get("readOnly")]


def covered(path, mounts):
    return any(path == m or path.startswith(m.rstrip("/") + "/") for m in mounts)


@pytest.mark.parametrize("webhook", [True, False])
def test_operator_pods_can_write_where_the_operator_writes(webhook):
    docs = render("spark-operator", extra={"webhook": {"enable": webhook}})
    seen = set()
    for d in docs:
        if d["kind"] != "Deployment":
            continue
        pod = d["spec"]["template"]["spec"]
        for ctr in pod["containers"]:
            flag, default = OPERATOR_WRITES[ctr["name"]]
            path = next((a[len(flag):] for a in ctr.get("args", []) if flag and a.startswith(flag)), default)
            if (ctr.get("securityContext") or {}).get("readOnlyRootFilesystem"):
                assert covered(path, writable_mounts(pod, ctr)), \
                    f"{d['metadata']['name']}: {ctr['name']} writes {path} on a read-only root filesystem"
            seen.add(ctr["name"])
    assert seen == ({"webhook", "controller"} if webhook else {"controller"})


# --- Failure 5: drivers submitted the ordinary way can create executors ---------------------------

def pod_creating_accounts(docs):
    """(namespace, ServiceAccount name) of every account bound to a Role that may create pods."""
    roles = {(d["metadata"].get("namespace", c.NAMESPACE), d["metadata"]["name"]) for d in docs
             if d["kind"] == "Role" and any("pods" in r.get("resources", []) and "create" in r.get("verbs", [])
                                            for r in d.get("rules") or [])}
    out = set()
    for b in docs:
        ns = b["metadata"].get("namespace", c.NAMESPACE)
        if b["kind"] == "RoleBinding" and (ns, b["roleRef"]["name"]) in roles:
            out |= {(s.get("namespace", ns), s["name"]) for s in b["subjects"] if s["kind"] == "ServiceAccount"}
    return out


@pytest.mark.parametrize("case", all_cases(), ids=case_id)
def test_driver_accounts_mount_their_token_and_executor_accounts_do_not(case):
    docs = render(*case)
    used_by_own_pods = {sp.get("serviceAccountName") for d in docs for _, _, sp in c.pod_specs(d)}
    accounts = {(d["metadata"].get("namespace", c.NAMESPACE), d["metadata"]["name"]): d
                for d in docs if d["kind"] == "ServiceAccount"}
    for key in pod_creating_accounts(docs):
        sa = accounts.get(key)
        if sa is None or key[1] in used_by_own_pods:
            continue  # the chart's own pods set automountServiceAccountToken themselves
        # accounts for drivers the chart does not start itself (spark-submit, SparkApplications)
        assert sa.get("automountServiceAccountToken") is not False, \
            f"{key[1]} may create executors but its drivers get no token"
    for (ns, name), sa in accounts.items():
        if name.endswith("-executor"):
            assert sa.get("automountServiceAccountToken") is False, f"executor account {name} mounts a token"
    for d in docs:
        for where, _, spec in c.pod_specs(d):
            if where.endswith("executor-pod-template.yaml]"):
                assert spec.get("automountServiceAccountToken") is False, f"{where}: executors get a token"


# --- Failure 7: every host written into configuration is a Service the install renders -----------

URL = re.compile(r"(?:thrift|sc|spark|https?|jdbc:postgresql)://([A-Za-z0-9.-]+):(\d+)")
ENDPOINT_LISTS = re.compile(r"celeborn\.master\.endpoints[ =]+(\S+)")
SVC_SUFFIX = re.compile(r"^(?P<head>[a-z0-9.-]+?)(?:\.(?P<ns>[a-z0-9-]+)\.svc(?:\.cluster\.local)?)?$")


def strings(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)
    elif isinstance(node, str):
        yield node


def references(docs):
    """(object, host, port) of every in-cluster host:port written anywhere in the rendered objects."""
    out = []
    for d in docs:
        where = f"{d['kind']}/{d['metadata']['name']}"
        for text in strings(d):
            pairs = URL.findall(text)
            for lst in ENDPOINT_LISTS.findall(text):
                pairs += [tuple(x.rsplit(":", 1)) for x in lst.split(",")]
            for host, port in pairs:
                m = SVC_SUFFIX.match(host)
                if "." in host and not (m and m.group("ns")):
                    continue  # outside the cluster (a registry, Maven Central) or an IP
                if host.startswith("kubernetes.default"):
                    continue
                out.append((where, host, int(port)))
    return out


def resolve(docs, host, port, namespace=c.NAMESPACE):
    """None when host:port is served by a rendered Service (or a pod behind a headless one), else why not."""
    m = SVC_SUFFIX.match(host)
    if m.group("ns") and m.group("ns") != namespace:
        return f"namespace {m.group('ns')} is not the release namespace {namespace}"
    parts = m.group("head").split(".")
    services = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Service"}
    svc = services.get(parts[-1])
    if svc is None:
        return f"no Service {parts[-1]}"
    if port not in [p["port"] for p in svc["spec"]["ports"]]:
        return f"Service {parts[-1]} has no port {port}"
    if len(parts) == 2:  # <pod>.<headless service>: a StatefulSet pod
        sets = [d for d in docs if d["kind"] == "StatefulSet" and d["spec"]["serviceName"] == parts[-1]]
        pods = {f"{s['metadata']['name']}-{i}" for s in sets for i in range(s["spec"].get("replicas", 1))}
        if svc["spec"].get("clusterIP") != "None" or parts[0] not in pods:
            return f"no pod {parts[0]} behind headless Service {parts[-1]}"
    return None


def installed(line_chart, line_values=None, line_name=None, base_values=None):
    """spark-base (release spark-base, as charts/values-common.yaml assumes) and one chart, one namespace."""
    return render("spark-base", extra=base_values) + render(line_chart, extra=line_values, name=line_name)


def unresolved(docs):
    refs = references(docs)
    assert refs, "no references found: the scanner is broken"
    return [f"{w}: {h}:{p}: {why}" for w, h, p in refs if (why := resolve(docs, h, p))]


NAME_CASES = {
    "defaults": ({}, None),
    "other-release-name": ({}, "lake"),
    "connect-fullnameOverride": ({"spark-connect": {"fullnameOverride": "gw"}}, None),
    "connect-port": ({"spark-connect": {"ports": {"grpc": 15010}}}, None),
    "connect-off": ({"spark-connect": {"enabled": False}}, None),
    "metastore-port": ({"hiveMetastore": {"port": 9183}}, None),
    "fullnameOverride": ({"fullnameOverride": "lake"}, None),
    "nameOverride": ({"nameOverride": "lakehouse", "spark-connect": {"nameOverride": "gateway"}}, None),
    "metastore-off": ({"hiveMetastore": {"enabled": False}}, None),
}
CELEBORN = {"celeborn": {"enabled": True}, "spark-connect": {"celeborn": {"enabled": True}}}
NAME_CASES_41 = {
    "celeborn": (CELEBORN, None),
    "celeborn-one-master": (c.merge(CELEBORN, {"celeborn": {"master": {"replicas": 1}, "worker": {"replicas": 1}},
                                               "spark-connect": {"celeborn": {"pushReplicate": False}}}), None),
    "celeborn-fullnameOverride": (c.merge(CELEBORN, {"fullnameOverride": "lake"}), "spark-41"),
}


def line_cases():
    out = [(line, k) for line in LINES for k in NAME_CASES] + [("spark-4.1", k) for k in NAME_CASES_41]
    return out + [(c.overlay_target(p), p.name) for p in c.overlays() if c.overlay_target(p) in LINES]


def render_following_advice(line, values, name):
    """Render; when a guard refuses and names the value to set (`set key=value`), set it and retry."""
    for _ in range(3):
        try:
            return installed(line, values, name)
        except helm.HelmError as e:
            m = re.search(r"set ([\w.-]+)=(\S+?)(?:[\s\"]|$)", str(e)) or \
                re.search(r"set ([\w.-]+) to that", str(e))
            assert m, f"render refused without saying which value to set: {e}"
            if m.re.pattern.endswith("to that"):
                expected = re.search(r"masters are \"([^\"]+)\"", str(e)).group(1)
                key, value = m.group(1), expected
            else:
                key, value = m.group(1), m.group(2)
            node = {}
            cur = node
            parts = key.split(".")
            for p in parts[:-1]:
                cur = cur.setdefault(p, {})
            cur[parts[-1]] = value
            values = c.merge(values, node)
    raise AssertionError("guards kept refusing")


@pytest.mark.parametrize("line,case", line_cases(), ids=lambda x: str(x))
def test_every_configured_host_is_a_rendered_service(line, case):
    if case.endswith(".yaml"):
        overlay = c.EXAMPLES_DIR / case
        values, name = c.merge(c.load_yaml(overlay), {}), None
    else:
        values, name = {**NAME_CASES, **NAME_CASES_41}[case]
    if case == "metastore-off":
        with pytest.raises(helm.HelmError, match="hiveMetastore.enabled is false"):
            installed(line, values, name)
        values = c.merge(values, {"spark-connect": {"metastoreUri": ""}})
    docs = render_following_advice(line, values, name)
    assert not unresolved(docs), "\n".join(unresolved(docs))
    jupyter = [d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"].endswith("-jupyter")]
    connect_on = values.get("spark-connect", {}).get("enabled", True)
    for j in jupyter:
        env = env_of(j["spec"]["template"]["spec"]["containers"][0])
        assert ("SPARK_REMOTE" in env) == connect_on, "SPARK_REMOTE without a Connect server, or missing"
    if case == "metastore-off":
        text = json.dumps([d for d in docs if d["kind"] == "ConfigMap"])
        assert "hive.metastore.uris" not in text and "catalogImplementation hive" not in text


def test_the_scanner_sees_a_broken_reference():
    docs = installed("spark-4.1")
    broken = [d for d in docs if not (d["kind"] == "Service" and d["metadata"]["name"].endswith("-hive-metastore"))]
    assert any("-hive-metastore" in u for u in unresolved(broken))


@pytest.mark.parametrize("base", [{"minio": {"enabled": False}}, {"minio": {"enabled": False}, "buckets": {"create": False}},
                                  {"minio": {"enabled": False}, "global": {"s3": {"endpoint": "https://s3.example.com"}}}],
                         ids=["refused", "no-bucket-job", "external-s3"])
def test_no_bucket_job_aims_at_a_missing_minio(base):
    if base == {"minio": {"enabled": False}}:
        with pytest.raises(helm.HelmError, match="minio.enabled is false but global.s3.endpoint"):
            render("spark-base", extra=base)
        return
    docs = render("spark-base", extra=base)
    assert not [r for r in references(docs) if resolve(docs, r[1], r[2])]


# --- Failure 8: credentials survive re-renders (helm template, Argo CD, Flux) ---------------------

def secrets(docs):
    return {d["metadata"]["name"]: d.get("data") for d in docs if d["kind"] == "Secret"}


def secret_refs(docs):
    """Names of every Secret a pod reads through env secretKeyRef."""
    out = set()
    for d in docs:
        for _, _, spec in c.pod_specs(d):
            for ctr in c.containers(spec):
                for e in ctr.get("env") or []:
                    ref = (e.get("valueFrom") or {}).get("secretKeyRef")
                    if ref:
                        out.add(ref["name"])
    return out


@pytest.mark.parametrize("case", all_cases(), ids=case_id)
def test_generated_credentials_are_the_same_on_every_render(case):
    chart, overlay = case
    values = c.values_for(chart, overlay)
    first = secrets(c.render(c.chart_path(chart), values, c.CHARTS[chart]))
    second = secrets(c.render(c.chart_path(chart), values, c.CHARTS[chart]))
    assert first == second, "a Secret changes between two renders of the same values"


def test_the_seed_decides_the_generated_credentials():
    seeded = lambda seed: secrets(render("spark-base", extra={"global": {"credentialSeed": seed}}))
    a, b = seeded("s3cr3t-one"), seeded("s3cr3t-two")
    assert a["spark-base-postgresql"] != b["spark-base-postgresql"]
    assert a == seeded("s3cr3t-one")


def test_templates_use_no_randomness():
    for p in c.CHARTS_DIR.rglob("*.tpl"):
        assert not re.search(r"\b(randAlphaNum|randAscii|randAlpha|randNumeric|uuidv4)\b", p.read_text()), p
    for p in c.CHARTS_DIR.rglob("templates/*.yaml"):
        assert not re.search(r"\b(randAlphaNum|randAscii|randAlpha|randNumeric|uuidv4)\b", p.read_text()), p


EXISTING = [("spark-base", {"minio": {"auth": {"existingSecret": "site-minio"}}}, "spark-base-minio", "site-minio"),
            ("spark-base", {"postgresql": {"existingSecret": "site-pg"}}, "spark-base-postgresql", "site-pg"),
            ("spark-base", {"buckets": {"users": [{"name": "spark35", "paths": ["spark-logs/3.5"], "existingSecret": "site-s3-35"}]}},
             "spark-base-s3-spark35", "site-s3-35"),
            ("spark-3.5", {"jupyter": {"existingSecret": "site-jupyter"}}, "spark-35-jupyter", "site-jupyter"),
            ("spark-4.1", {"jupyter": {"existingSecret": "site-jupyter"}}, "spark-41-jupyter", "site-jupyter")]


@pytest.mark.parametrize("chart,extra,generated,existing", EXISTING, ids=[e[3] + "@" + e[0] for e in EXISTING])
def test_every_credential_can_come_from_an_existing_secret(chart, extra, generated, existing):
    docs = render(chart, extra=extra)
    assert generated not in secrets(docs), f"{generated} is still rendered"
    refs = secret_refs(docs)
    assert existing in refs and generated not in refs, refs
    assert generated in secret_refs(render(chart)), "the test's generated name is wrong"


@pytest.mark.parametrize("chart", list(c.CHARTS))
def test_global_accepts_keys_the_chart_does_not_know(chart):
    assert render(chart, extra={"global": {"umbrellaOnly": {"team": "data"}}})


# --- Failure 6: event logs of long-running servers -----------------------------------------------

# Launchers that end in `exec java` (bin/spark-submit -> bin/spark-class -> exec): SIGTERM reaches the JVM.
# sbin/start-*.sh run it under spark-daemon.sh, a shell that does not pass the signal on.
EXEC_LAUNCHERS = ("/opt/spark/bin/spark-submit", "/opt/spark/bin/spark-class")


def spark_conf(docs, suffix):
    cms = [d for d in c.configmaps_with(docs, "spark-defaults.conf") if d["metadata"]["name"].endswith(suffix)]
    return c.spark_properties(cms[0]["data"]["spark-defaults.conf"]) if cms else None


@pytest.mark.parametrize("case", [x for x in all_cases() if x[0] in LINES], ids=case_id)
def test_long_running_servers_roll_event_logs_and_get_sigterm(case):
    docs = render(*case)
    connect = spark_conf(docs, "-connect-conf")
    if connect and connect.get("spark.eventLog.enabled") == "true":
        assert connect["spark.eventLog.rolling.enabled"] == "true"
        assert re.fullmatch(r"[0-9]+[kmg]", connect["spark.eventLog.rolling.maxFileSize"])
    history = spark_conf(docs, "-history-conf")
    if history:
        assert int(history["spark.history.fs.eventLog.rolling.maxFilesToRetain"]) >= 1
    for d in docs:
        for where, _, spec in c.pod_specs(d):
            for ctr in spec.get("containers", []):
                cmd = (ctr.get("command") or []) + (ctr.get("args") or [])
                if any("/opt/spark/" in x for x in cmd):
                    assert cmd[0] in EXEC_LAUNCHERS, f"{where}: {cmd[0]} does not exec the JVM"


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("memory,heap", [("1536Mi", "1152m"), ("4Gi", "3072m"), ("2G", "1430m")])
def test_history_server_heap_follows_its_memory(line, memory, heap):
    docs = render(line, extra={"historyServer": {"resources": {"limits": {"memory": memory}}}})
    hs = workload(docs, "Deployment", "-history")["spec"]["template"]["spec"]["containers"][0]
    assert env_of(hs)["SPARK_DAEMON_MEMORY"] == heap


@pytest.mark.parametrize("enabled", [True, False])
def test_operator_applications_get_event_log_settings(enabled):
    docs = render("spark-operator", extra={"spark": {"eventLog": {"enabled": enabled}}})
    dep = workload(docs, "Deployment", "-controller")["spec"]["template"]["spec"]
    ctr = dep["containers"][0]
    assert "--feature-gates=LoadSparkDefaults=true" in ctr["args"]
    conf_dir = env_of(ctr)["SPARK_CONF_DIR"]
    mount = next(m for m in ctr["volumeMounts"] if m["mountPath"] == conf_dir)
    cm_name = next(v["configMap"]["name"] for v in dep["volumes"] if v["name"] == mount["name"])
    cm = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == cm_name)
    props = c.spark_properties(cm["data"]["spark-defaults.conf"])
    assert props["spark.eventLog.enabled"] == str(enabled).lower()
    # executors of every application run as the token-less executor account of their namespace
    executor_sa = props["spark.kubernetes.authenticate.executor.serviceAccountName"]
    sa = next(d for d in docs if d["kind"] == "ServiceAccount" and d["metadata"]["name"] == executor_sa)
    assert sa["automountServiceAccountToken"] is False
    if enabled:
        assert props["spark.eventLog.dir"] == "s3a://spark-logs/4.1/events"
        assert props["spark.eventLog.rolling.enabled"] == "true"
        assert props["spark.hadoop.fs.s3a.endpoint"].startswith("http")
        # the line user limited to the 4.1 paths, never the MinIO root user
        keys = {v.split(":")[0] for k, v in props.items() if ".secretKeyRef." in k}
        assert keys == {"spark-base-s3-spark41"}, keys


# --- Failure 9: least privilege ----------------------------------------------------------------

LINE_BUCKETS = {"spark-3.5": {"spark-logs/3.5", "warehouse-spark-35"}, "spark-4.1": {"spark-logs/4.1", "warehouse-spark-41"}}


def policies_in_bucket_job(base_docs):
    """user -> IAM policy the bucket job attaches, read from its script."""
    script = next(d for d in base_docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-buckets"))
    text = script["data"]["create-buckets.sh"]
    out = {}
    for user, body in re.findall(r"cat > /tmp/policy-([\w-]+)\.json <<'POLICY'\n(.*?)\nPOLICY", text, re.S):
        assert f"mc admin policy attach target {user}-rw --user \"{user}\"" in text
        out[user] = json.loads(body)
    return out


@pytest.mark.parametrize("case", [x for x in all_cases() if x[0] in LINES], ids=case_id)
def test_spark_pods_get_a_line_user_limited_to_its_buckets(case):
    line, overlay = case
    base = render("spark-base")
    docs = render(line, overlay)
    root_secret = "spark-base-minio"
    used = secret_refs(docs) & ({root_secret} | set(secrets(base)))
    s3 = {n for n in used if n != "spark-base-postgresql"}
    assert root_secret not in s3, f"{line} pods read the MinIO root credentials"
    assert len(s3) == 1, s3
    secret = secrets(base)[s3.pop()]
    user = base64.b64decode(secret["AWS_ACCESS_KEY_ID"]).decode()
    policy = policies_in_bucket_job(base)[user]
    resources = {r.removeprefix("arn:aws:s3:::").removesuffix("/*") for st in policy["Statement"] for r in st["Resource"]}
    allowed = LINE_BUCKETS[line] | {p.split("/")[0] for p in LINE_BUCKETS[line]}
    assert resources <= allowed, f"{user} reaches {resources - allowed}"
    assert not any("*" in a for st in policy["Statement"] for a in st["Action"])


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("pvc", [False, True])
def test_connect_role_manages_only_executor_pods_and_configmaps(line, pvc):
    docs = render(line, extra={"spark-connect": {"executor": {"onDemandVolumes": pvc}}})
    role = next(d for d in docs if d["kind"] == "Role" and d["metadata"]["name"].endswith("-connect"))
    granted = {(res, verb) for r in role["rules"] for res in r["resources"] for verb in r["verbs"]}
    resources = {res for res, _ in granted}
    assert resources == ({"pods", "configmaps"} | ({"persistentvolumeclaims"} if pvc else set()))
    assert not {v for _, v in granted} & {"update", "*"}


WORKLOAD_KINDS = {"Deployment", "StatefulSet"}


def selected(policy, labels):
    return all(labels.get(k) == v for k, v in policy["spec"]["podSelector"].get("matchLabels", {}).items())


@pytest.mark.parametrize("case", all_cases() + [("spark-4.1", "celeborn")], ids=lambda x: case_id(x) if x[1] != "celeborn" else "spark-4.1[celeborn]")
def test_network_policies_cover_every_component_when_on(case):
    chart, overlay = case
    on = {"global": {"networkPolicy": {"enabled": True}}, "webhook": {"enable": True}} if chart == "spark-operator" \
        else {"global": {"networkPolicy": {"enabled": True}}}
    if overlay == "celeborn":
        overlay, on = None, c.merge(on, CELEBORN)
    assert not [d for d in render(chart, overlay) if d["kind"] == "NetworkPolicy"] or \
        (overlay and "production" in overlay.name), "NetworkPolicies are on by default"
    docs = render(chart, overlay, on)
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    pods = [(w, meta) for d in docs if d["kind"] in WORKLOAD_KINDS or d["kind"] == "ConfigMap"
            for w, meta, _ in c.pod_specs(d)]
    assert pods
    for where, meta in pods:
        assert any(selected(p, meta.get("labels", {})) for p in policies), f"{where} is not covered"
    for p in policies:
        if p["metadata"]["name"].endswith("-connect"):
            grpc = [r for r in p["spec"]["ingress"] if not r.get("ports") or 15002 in [x["port"] for x in r["ports"]]]
            assert grpc and all(r.get("from") for r in grpc), "the Connect gRPC port is open to every pod"


def test_production_overlay_turns_network_policies_on():
    docs = render("spark-4.1", c.EXAMPLES_DIR / "values-spark-4.1-production.yaml")
    assert len([d for d in docs if d["kind"] == "NetworkPolicy"]) >= 6


# --- Failure 10: day-2 -------------------------------------------------------------------------

def mounted_config(docs, pod_spec):
    """Data of every ConfigMap and Secret a pod mounts or reads env from."""
    names = set()
    for v in pod_spec.get("volumes") or []:
        if "configMap" in v:
            names.add(("ConfigMap", v["configMap"]["name"]))
        if "secret" in v:
            names.add(("Secret", v["secret"]["secretName"]))
    for ctr in c.containers(pod_spec):
        for e in ctr.get("env") or []:
            for kind, key in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
                ref = (e.get("valueFrom") or {}).get(key)
                if ref:
                    names.add((kind, ref["name"]))
    return {n: d.get("data") for d in docs for n in [(d["kind"], d["metadata"]["name"])] if n in names}


def pod_templates(docs):
    return {f"{d['kind']}/{d['metadata']['name']}": d["spec"]["template"] for d in docs if d["kind"] in WORKLOAD_KINDS}


CHANGES = [
    ("spark-4.1", CELEBORN, {"celeborn": {"worker": {"replicas": 5}}}),  # nothing a master reads changes
    ("spark-4.1", CELEBORN, {"global": {"s3": {"endpoint": "http://other-s3:9000"}}}),
    ("spark-3.5", None, {"global": {"s3": {"endpoint": "http://other-s3:9000"}}}),
    ("spark-4.1", None, {"hiveMetastore": {"warehouseDir": "s3a://elsewhere/"}}),
    ("spark-4.1", None, {"historyServer": {"updateInterval": "30s"}}),
    ("spark-4.1", None, {"spark-connect": {"sparkConf": {"spark.sql.shuffle.partitions": "64"}}}),
    ("spark-base", None, {"postgresql": {"databases": [{"name": "metastore_other", "password": ""}]}}),
]


@pytest.mark.parametrize("chart,base,change", CHANGES, ids=[f"{c_}-{json.dumps(ch)[:60]}" for c_, _, ch in CHANGES])
def test_pods_restart_exactly_when_their_configuration_changes(chart, base, change):
    before_docs = render(chart, extra=base)
    after_docs = render(chart, extra=c.merge(base or {}, change))
    before, after = pod_templates(before_docs), pod_templates(after_docs)
    restarted = 0
    for name, tpl in before.items():
        if name not in after:
            continue
        config_changed = mounted_config(before_docs, tpl["spec"]) != mounted_config(after_docs, after[name]["spec"])
        if config_changed:
            assert tpl != after[name], f"{name} reads changed configuration but would not restart"
            restarted += 1
        elif tpl["spec"] == after[name]["spec"]:
            assert tpl == after[name], f"{name} would restart although nothing it reads changed"
    scaling = "replicas" in json.dumps(change)
    assert restarted or scaling, "the change touched no configuration: the case tests nothing"
    if scaling:
        master = next(n for n in before if n.endswith("-celeborn-master"))
        assert before[master] == after[master], "scaling the workers restarts the masters"


def test_celeborn_placement_disruption_budget_and_logging():
    extra = c.merge(CELEBORN, {"celeborn": {"master": {"nodeSelector": {"pool": "shuffle"}},
                                            "worker": {"tolerations": [{"key": "shuffle", "operator": "Exists"}]}}})
    docs = render("spark-4.1", extra=extra)
    for role in ("master", "worker"):
        sts = workload(docs, "StatefulSet", f"-celeborn-{role}")
        spec = sts["spec"]["template"]["spec"]
        anti = spec["affinity"]["podAntiAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"][0]
        assert anti["podAffinityTerm"]["labelSelector"]["matchLabels"] == sts["spec"]["selector"]["matchLabels"]
        pdb = workload(docs, "PodDisruptionBudget", f"-celeborn-{role}")
        assert pdb["spec"]["selector"] == sts["spec"]["selector"] and pdb["spec"]["maxUnavailable"] == 1
        conf = mounted_config(docs, spec)
        assert any("log4j2.xml" in (data or {}) for data in conf.values()), f"{role}: no log configuration"
    assert workload(docs, "StatefulSet", "-celeborn-master")["spec"]["template"]["spec"]["nodeSelector"] == {"pool": "shuffle"}
    assert workload(docs, "StatefulSet", "-celeborn-worker")["spec"]["template"]["spec"]["tolerations"][0]["key"] == "shuffle"


EXTRAS = {"nodeSelector": {"pool": "t"}, "tolerations": [{"key": "t", "operator": "Exists"}],
          "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
              {"matchExpressions": [{"key": "t", "operator": "Exists"}]}]}}},
          "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway",
                                         "labelSelector": {"matchLabels": {"t": "t"}}}],
          "priorityClassName": "t-priority", "podAnnotations": {"t/annotation": "yes"},
          "extraEnv": [{"name": "T_ENV", "value": "1"}], "extraVolumes": [{"name": "t-vol", "emptyDir": {}}],
          "extraVolumeMounts": [{"name": "t-vol", "mountPath": "/t"}]}


def components(values, path=()):
    """Paths of every values block that carries the per-component pod settings."""
    if isinstance(values, dict):
        if "extraVolumeMounts" in values:
            yield path
        for k, v in values.items():
            yield from components(v, path + (k,))


def with_extras(chart):
    defaults = c.load_yaml(c.chart_path(chart) / "values.yaml")
    for sub in c.SUBCHARTS.get(chart, []):
        defaults[sub] = c.load_yaml(c.chart_path(chart) / "charts" / sub / "values.yaml")
    out = {}
    found = list(components(defaults))
    for path in found:
        node = out
        for p in path:
            node = node.setdefault(p, {})
        node.update(EXTRAS)
    return out, found


@pytest.mark.parametrize("chart", list(c.CHARTS))
def test_every_component_takes_placement_and_extras(chart):
    extra, found = with_extras(chart)
    assert found, f"{chart} has no component with pod settings"
    on = {"celeborn": {"enabled": True}, "spark-connect": {"celeborn": {"enabled": True}}} if chart == "spark-4.1" else \
        {"webhook": {"enable": True}} if chart == "spark-operator" else {}
    docs = render(chart, extra=c.merge(extra, on))
    pods = [(d, d["spec"]["template"]) for d in docs if d["kind"] in WORKLOAD_KINDS | {"Job"}]
    assert pods
    for d, tpl in pods:
        where, spec = f"{d['kind']}/{d['metadata']['name']}", tpl["spec"]
        for key in ("nodeSelector", "tolerations", "affinity", "topologySpreadConstraints", "priorityClassName"):
            assert spec.get(key) == EXTRAS[key], f"{where}: {key}"
        assert tpl["metadata"]["annotations"]["t/annotation"] == "yes", where
        main = spec["containers"][0]
        assert {"name": "T_ENV", "value": "1"} in main["env"], where
        assert {"name": "t-vol", "mountPath": "/t"} in main["volumeMounts"], where
        assert {"name": "t-vol", "emptyDir": {}} in spec["volumes"], where


@pytest.mark.parametrize("case", [("spark-base", None), ("spark-3.5", None), ("spark-4.1", "celeborn"),
                                  ("spark-operator", "webhook")], ids=lambda x: x[0])
def test_helm_test_probes_every_service(case):
    chart, variant = case
    extra = CELEBORN if variant == "celeborn" else {"webhook": {"enable": True}} if variant == "webhook" else None
    docs = render(chart, extra=extra)
    tests = [d for d in docs if d["kind"] == "Pod" and "test" in hook_phases(d)]
    assert len(tests) == 1, "no helm test Pod"
    script = tests[0]["spec"]["containers"][0]["args"][0]
    probes = re.findall(r"^probe_(?:tcp|http) (\S+) (\d+)", script, re.M)
    assert probes
    for host, port in probes:
        assert resolve(docs, host, int(port)) is None, f"the test probes {host}:{port}, which no Service serves"
    probed = {h.split(".")[-1] if "." in h and not h.endswith(".svc.cluster.local") else h.split(".")[0] for h, _ in probes}
    for svc in (d for d in docs if d["kind"] == "Service"):
        name = svc["metadata"]["name"]
        if svc["spec"].get("clusterIP") == "None" and not name.endswith("celeborn-master"):
            continue  # headless Services of pods probed by name (PostgreSQL's, Celeborn workers')
        assert name in probed, f"helm test does not probe Service {name}"


# --- Failures 1 and 2: no downloads at start; Celeborn client from the image ----------------------

FETCHES = re.compile(r"spark\.jars\.packages|spark\.jars\.repositories|--packages\b|--repositories\b|"
                     r"\b(?:curl|wget)\b.*https?://|https?://.*\b(?:curl|wget)\b|"
                     r"repo1\.maven\.org|repo\.maven\.apache\.org|pip3? install", re.S)


def fetches(docs):
    """Every string of a rendered object (commands, args, env, ConfigMap data) that downloads at start."""
    found = []
    for d in docs:
        for text in strings(d):
            for m in FETCHES.finditer(text):
                found.append(f"{d['kind']}/{d['metadata']['name']}: ...{text[max(0, m.start() - 40):m.end() + 40]}...")
    return found


@pytest.mark.parametrize("case", all_cases() + [("spark-4.1", "celeborn")],
                         ids=lambda x: case_id(x) if x[1] != "celeborn" else "spark-4.1[celeborn]")
def test_nothing_is_downloaded_at_start(case):
    chart, overlay = case
    docs = render(chart, extra=CELEBORN) if overlay == "celeborn" else render(chart, overlay)
    assert not fetches(docs), "\n".join(fetches(docs))


@pytest.mark.parametrize("opt_in", [{"spark-connect": {"packages": ["org.example:extra:1.0"]}},
                                    {"historyServer": {"extraJars": ["https://repo.example/x.jar"]}},
                                    {"hiveMetastore": {"jdbcDriverUrl": "https://repo.example/postgresql.jar"}},
                                    {"kubernetesNative": {"packages": ["org.example:extra:1.0"]}},
                                    {"jupyter": {"pipPackages": ["pandas"]}}], ids=lambda x: next(iter(x)))
def test_runtime_resolution_stays_available_as_an_opt_in(opt_in):
    assert fetches(render("spark-4.1", extra=opt_in)), "the opt-in value no longer downloads anything"


def test_the_scanner_sees_a_download():
    assert fetches([{"kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "spark.jars.packages a:b:1"}}])
    assert fetches([{"kind": "Pod", "metadata": {"name": "x"}, "spec": {"args": ["curl -fsSL -o /j https://h/j.jar"]}}])
    assert fetches([{"kind": "Pod", "metadata": {"name": "x"}, "spec": {"args": ["for u in https://h/j.jar; do\n curl -o j $u; done"]}}])
    assert not fetches([{"kind": "Pod", "metadata": {"name": "x"}, "spec": {"args": ["probe_http h 80 /api  # GET http://h"]}}])


def test_metastore_takes_the_jdbc_driver_from_the_spark_image():
    for line in LINES:
        docs = render(line)
        pod = workload(docs, "Deployment", "-hive-metastore")["spec"]["template"]["spec"]
        init = next(x for x in pod["initContainers"] if x["name"] == "jdbc-driver")
        assert init["image"] == workload(docs, "Deployment", "-history")["spec"]["template"]["spec"]["containers"][0]["image"]
        assert "/opt/spark/jars/postgresql-" in init["args"][0]


def test_celeborn_on_the_41_line_is_070():
    values = c.load_yaml(c.chart_path("spark-4.1") / "values.yaml")
    assert values["celeborn"]["image"]["tag"] == "0.7.0"


def test_a_downloaded_celeborn_client_is_refused_on_35():
    extra = {"spark-connect": {"celeborn": {"enabled": True, "masterEndpoints": "celeborn-master:9097",
                                            "clientPackage": "org.apache.celeborn:celeborn-client-spark-3-shaded_2.12:0.6.1"}}}
    with pytest.raises(helm.HelmError, match="SPARK-45762"):
        render("spark-3.5", extra=extra)
    extra["spark-connect"]["celeborn"]["clientPackage"] = ""
    props = spark_conf(render("spark-3.5", extra=extra), "-connect-conf")
    assert props["spark.shuffle.manager"].endswith("SparkShuffleManager") and "spark.jars.packages" not in props
