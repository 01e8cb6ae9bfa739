"""The built images, run for real: the Spark Connect server of a line started from its Spark
image with exactly what the line's chart renders (command, args, env, spark-defaults.conf),
a query and a Python UDF from the line's Jupyter image, SIGTERM within the chart's grace
period, and the History Server from the same image listing the finished application.
Figures go to .build-images/image-test.json and are printed."""
from __future__ import annotations

import json
import os
import signal
import textwrap
import time
from pathlib import Path

import pytest

import imagelib as il

LINES = {"4.1": ("spark-4.1", "jupyter-4.1", "spark-41"), "3.5": ("spark-3.5", "jupyter-3.5", "spark-35")}
RESULTS = il.REPO / ".build-images" / "image-test.json"
CLIENT = textwrap.dedent("""
    import json, os, sys, time
    from pyspark.sql import SparkSession, functions as F
    t0 = time.monotonic()
    spark = SparkSession.builder.getOrCreate()          # SPARK_REMOTE from the chart's env
    rows = spark.range(1000).withColumn("k", F.col("id") % 7).groupBy("k").count().orderBy("k").collect()
    @F.udf("string")
    def worker_python(x):
        import sys
        return "%d.%d" % sys.version_info[:2]
    @F.udf("long")
    def twice(x):
        return x * 2
    udf_rows = spark.range(3).select(twice("id").alias("d"), worker_python("id").alias("py")).collect()
    out = {"server_version": spark.version, "groups": len(rows), "count_k0": rows[0]["count"],
           "udf": [r["d"] for r in udf_rows], "worker_python": udf_rows[0]["py"],
           "client_python": "%d.%d" % sys.version_info[:2], "client_s": round(time.monotonic() - t0, 2)}
    spark.stop()
    print("RESULT " + json.dumps(out))
""")


def record(key: str, value: dict) -> None:
    data = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    data[key] = value
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
    print(f"\n[{key}] " + json.dumps(value, indent=1))


def built(folder: str) -> str:
    ref = il.images.tag_of(folder)
    if not il.images.image_exists(ref):
        pytest.fail(f"{ref} is not built: run `make images` first (docker/{folder})")
    return ref


def maven_stage(ctr: il.Container) -> str:
    return ctr.run(["cat", "/opt/spark/maven-stage.txt"]).stdout.strip()


def python_minor(ctr: il.Container) -> str:
    r = ctr.run(["python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def render_line(short: str, ports: dict[str, int]) -> tuple[list[dict], dict]:
    """The line's chart rendered with local stand-ins: event logs and warehouse in local
    folders instead of S3, no metastore service, free ports (this machine is shared)."""
    chart = LINES[short][0]
    wanted = {
        "spark-connect.eventLog.dir": "file:///spark-events",
        "spark-connect.warehouseDir": "file:///opt/spark/work-dir/warehouse",
        "spark-connect.metastoreUri": "",
        "spark-connect.packages": [],
        "spark-connect.ports.grpc": ports["grpc"],
        "spark-connect.ports.ui": ports["ui"],
        "spark-connect.ports.driver": ports["driver"],
        "spark-connect.ports.blockManager": ports["bm"],
        "spark-connect.driver.memory": "1g",
        "historyServer.logDirectory": "file:///spark-events",
        "historyServer.port": ports["hs"],
        "historyServer.extraJars": [],
    }
    over, applied = il.local_overrides(chart, wanted)
    values = il.chartlib.values_for(chart, extra=over)
    return il.chartlib.render(il.chartlib.chart_path(chart), values, LINES[short][2]), applied


def run_history_server(ctr: il.Container, docs: list[dict], image: dict, work: Path, events: Path,
                       port: int, app_name_part: str) -> dict:
    hs = il.rendered_pod(docs, "history-server")
    env = hs.env({"status.podIP": "127.0.0.1", "metadata.name": "history-server-test"})
    mounts = hs.config_mounts(work / "hs") + [(events, "/spark-events")]
    argv = hs.argv(image, env)
    proc = ctr.start(argv, env, mounts, work / "history-server.log")
    try:
        ready = il.wait_port(port, proc, 180)
        apps, t0 = [], time.monotonic()
        while time.monotonic() - t0 < 120:
            try:  # the first answer can take a while on a loaded machine
                apps = il.http_json(f"http://127.0.0.1:{port}/api/v1/applications", timeout=20)
            except OSError:
                apps = []
            if any(app_name_part in a["name"].lower() and a["attempts"][0]["completed"] for a in apps):
                break
            time.sleep(1)
        listed_s = time.monotonic() - t0
        jvm = il.find_jvm(proc)
        rss = il.rss_mb(jvm)
        jvm_parent = il.comm(il.ppid(jvm))
        t1 = time.monotonic()
        os.kill(jvm, signal.SIGTERM)
        proc.wait(timeout=hs.grace_s)
        stop_s = time.monotonic() - t1
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    listed = [{"name": a["name"], "completed": a["attempts"][0]["completed"],
               "sparkVersion": a["attempts"][0].get("appSparkVersion")} for a in apps]
    return {"argv": argv, "ready_s": round(ready, 1), "listed_after_s": round(listed_s, 1), "listed": listed, "rss_mb": rss,
            "jvm_parent": jvm_parent, "stop_s": round(stop_s, 1), "grace_s": hs.grace_s}


@pytest.mark.parametrize("short", ["4.1", "3.5"])
def test_line_from_its_images(short, tmp_path):
    spark_folder, jupyter_folder, _release = LINES[short]
    spark_ref, jupyter_ref = built(spark_folder), built(jupyter_folder)
    image = il.inspect(spark_ref)
    ports = {k: il.free_port() for k in ("grpc", "ui", "driver", "bm", "hs")}
    docs, applied = render_line(short, ports)
    events = tmp_path / "events"
    events.mkdir()
    events.chmod(0o777)
    result: dict = {"spark_image": spark_ref, "jupyter_image": jupyter_ref, "values_for_local_run": applied}
    spark = il.Container(spark_ref, f"imgtest-spark-{short}", tmp_path)
    jupyter = il.Container(jupyter_ref, f"imgtest-jupyter-{short}", tmp_path)
    try:
        result["maven_stage"] = maven_stage(spark)
        # Same Python minor on both sides, and the same PySpark release.
        py_server, py_client = python_minor(spark), python_minor(jupyter)
        version = image["OCIv1"]["config"]["Labels"]["org.opencontainers.image.version"].split("-")[0]
        client_version = jupyter.run(["python3", "-c", "from pyspark.version import __version__ as v; print(v)"]).stdout.strip()
        result.update(server_python=py_server, client_python=py_client, client_pyspark=client_version)
        assert py_server == py_client, f"{spark_ref} runs Python {py_server}, {jupyter_ref} Python {py_client}"
        assert client_version == version, f"{jupyter_ref} has PySpark {client_version}, the server {version}"
        has_connect = spark.run(["bash", "-c", "ls /opt/spark/jars/spark-connect_*.jar"]).returncode == 0
        if has_connect:
            result["connect"] = run_connect(spark, jupyter, docs, image, tmp_path, events, ports["grpc"])
            app_part = "connect"
        else:
            result["connect"] = (f"NOT RUN: the spark-connect jar of {version} is not in {spark_ref}: it comes "
                                 f"from the Maven stage, and {result['maven_stage'].splitlines()[0]}")
            result["batch"] = run_batch_job(spark, tmp_path, events)
            app_part = "image-test-batch"
        result["history_server"] = run_history_server(spark, docs, image, tmp_path, events, ports["hs"], app_part)
    finally:
        spark.remove()
        jupyter.remove()
        record(f"line-{short}", result)
    hs = result["history_server"]
    assert any(app_part in a["name"].lower() and a["completed"] for a in hs["listed"]), hs["listed"]
    assert hs["jvm_parent"] not in ("bash", "sh", "dash"), f"a shell sits between the entrypoint and the JVM: {hs}"
    if has_connect:
        c = result["connect"]
        assert c["client"]["udf"] == [0, 2, 4] and c["client"]["groups"] == 7, c["client"]
        assert c["client"]["worker_python"] == c["client"]["client_python"], c["client"]
        assert c["health_up"] == 0 and c["health_down"] != 0, c
        assert c["stop_s"] < c["grace_s"], f"the server took {c['stop_s']} s to stop, the grace period is {c['grace_s']} s"
        assert c["jvm_parent"] not in ("bash", "sh", "dash"), f"a shell sits between the entrypoint and the JVM: {c}"
        assert c["event_log_completed"], c
    else:
        assert result["batch"]["udf"] == [0, 2, 4], result["batch"]


def run_connect(spark: il.Container, jupyter: il.Container, docs: list[dict], image: dict, work: Path,
                events: Path, grpc: int) -> dict:
    pod = il.rendered_pod(docs, "connect")
    env = pod.env({"status.podIP": "127.0.0.1", "metadata.name": "connect-test"})
    mounts = pod.config_mounts(work / "connect") + [(events, "/spark-events")]
    # The one change to what the chart renders: the chart's master is the Kubernetes API,
    # which does not exist here; executors run inside the server JVM instead.
    argv = pod.argv(image, env) + ["--conf", "spark.master=local[2]"]
    health = ["/opt/spark/bin/healthcheck"]
    health_env = {"SPARK_HEALTH_PORTS": str(grpc)}
    t0 = time.monotonic()
    proc = spark.start(argv, env, mounts, work / "connect-server.log")
    try:
        ready = il.wait_port(grpc, proc, 240)
        jvm = il.find_jvm(proc)
        out = {"argv": argv, "ready_s": round(ready, 1), "jvm_parent": il.comm(il.ppid(jvm)), "grace_s": pod.grace_s}
        out["health_up"] = spark.run(health, health_env).returncode
        jenv = il.rendered_pod(docs, "jupyter").env({}) if _has(docs, "jupyter") else {}
        remote = f"sc://127.0.0.1:{grpc}"
        jenv = {k: v for k, v in jenv.items() if k != "SPARK_REMOTE"} | {"SPARK_REMOTE": remote}
        r = jupyter.run(["python3", "-c", CLIENT], jenv, timeout=300)
        res = [ln for ln in r.stdout.splitlines() if ln.startswith("RESULT ")]
        assert res, f"client failed ({r.returncode}):\n{r.stderr[-3000:]}"
        out["client"] = json.loads(res[0][7:])
        out["server_rss_mb"] = il.rss_mb(jvm)
        t1 = time.monotonic()
        os.kill(jvm, signal.SIGTERM)
        proc.wait(timeout=pod.grace_s)
        out["stop_s"] = round(time.monotonic() - t1, 1)
        out["exit_code"] = proc.returncode
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    out["health_down"] = spark.run(health, health_env).returncode
    out["total_s"] = round(time.monotonic() - t0, 1)
    status = [p.name for p in events.rglob("appstatus_*")]
    out["event_logs"] = sorted(p.name for p in events.iterdir())
    out["event_log_completed"] = bool(status) and not any(n.endswith(".inprogress") for n in status)
    return out


def _has(docs: list[dict], container: str) -> bool:
    try:
        il.rendered_pod(docs, container)
        return True
    except LookupError:
        return False


def run_batch_job(spark: il.Container, work: Path, events: Path) -> dict:
    """Without a Connect server: a PySpark job with a Python UDF inside the Spark image,
    writing its event log where the History Server reads."""
    job = work / "job"
    job.mkdir()
    (job / "job.py").write_text(textwrap.dedent("""
        import json
        from pyspark.sql import SparkSession, functions as F
        spark = SparkSession.builder.appName("image-test-batch").getOrCreate()
        twice = F.udf(lambda x: x * 2, "long")
        print("RESULT " + json.dumps({"udf": [r[0] for r in spark.range(3).select(twice("id")).collect()]}))
        spark.stop()
    """))
    t0 = time.monotonic()
    r = spark.run(["spark-submit", "--master", "local[2]", "--conf", "spark.eventLog.enabled=true",
                   "--conf", "spark.eventLog.dir=file:///spark-events", "--conf", "spark.ui.enabled=false",
                   "/job/job.py"], {"HOME": "/tmp"}, [(job, "/job"), (events, "/spark-events")])
    res = [ln for ln in r.stdout.splitlines() if ln.startswith("RESULT ")]
    assert res, f"batch job failed ({r.returncode}):\n{r.stderr[-3000:]}"
    return {**json.loads(res[0][7:]), "wall_s": round(time.monotonic() - t0, 1)}


@pytest.mark.parametrize("folder", ["spark-4.1", "spark-3.5"])
def test_maven_stage_jars_are_in_the_image(folder, tmp_path):
    """Complete Maven stage: every jar of deps/jars.lock is in /opt/spark/jars. Skipped stage:
    reported as a skip that names the stage, the reason and each jar left out."""
    ref = built(folder)
    lock = il.REPO / "docker" / folder / "deps" / "jars.lock"
    wanted = [ln.split()[0] for ln in lock.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    ctr = il.Container(ref, f"imgtest-jars-{folder}", tmp_path)
    try:
        status = maven_stage(ctr)
        jars = set(ctr.run(["ls", "/opt/spark/jars"]).stdout.split())
    finally:
        ctr.remove()
    if status.startswith("skipped"):
        pytest.skip(f"{ref}: the Maven stage (docker/{folder}/Dockerfile, stage 'jars') was skipped by "
                    f"SKIP_MAVEN_JARS=true, the default of `make images` here because Maven Central is not "
                    f"reachable from this machine; not in the image: {', '.join(wanted)}")
    assert status.startswith("complete"), status
    missing = [c for c in wanted if "{1}-{2}.jar".format(*c.split(":")) not in jars]
    assert not missing, f"{ref}: the Maven stage completed but /opt/spark/jars lacks {missing}"


@pytest.mark.parametrize("short", ["4.1", "3.5"])
def test_jupyter_starts_as_the_chart_runs_it(short, tmp_path):
    """The chart's Jupyter container (its args, env, mounts) from the built image: JupyterLab
    answers /api with the chart's token, as the jovyan user, and the image's health command
    agrees; SIGTERM stops it within the grace period."""
    _spark, jupyter_folder, release = LINES[short]
    ref = built(jupyter_folder)
    image = il.inspect(ref)
    port = il.free_port()
    over, _ = il.local_overrides(LINES[short][0], {"jupyter.port": port})
    docs = il.chartlib.render(il.chartlib.chart_path(LINES[short][0]),
                              il.chartlib.values_for(LINES[short][0], extra=over), release)
    pod = il.rendered_pod(docs, "jupyter")
    env = pod.env({"status.podIP": "127.0.0.1", "metadata.name": "jupyter-test"}, secret_value="image-test-token")
    ctr = il.Container(ref, f"imgtest-jupyter-run-{short}", tmp_path)
    try:
        argv = pod.argv(image, env)
        proc = ctr.start(argv, env, pod.config_mounts(tmp_path / "jupyter"), tmp_path / "jupyter.log")
        ready = il.wait_port(port, proc, 180)
        api = il.http_json(f"http://127.0.0.1:{port}/api?token=image-test-token", timeout=20)
        user = ctr.run(["id", "-u"]).stdout.strip()
        health_cmd = image["Docker"]["config"]["Healthcheck"]["Test"][1:]
        health = ctr.run(health_cmd, {"JUPYTER_PORT": str(port)}).returncode
        server = [p for p in il.descendants(proc.pid) if il.comm(p).startswith("jupyter")]
        assert server, "no jupyter process under the container"
        parent = il.comm(il.ppid(server[0]))
        t0 = time.monotonic()
        os.kill(server[0], signal.SIGTERM)
        proc.wait(timeout=pod.grace_s)
        stop_s = time.monotonic() - t0
    finally:
        ctr.remove()
    record(f"jupyter-{short}", {"argv": argv, "ready_s": round(ready, 1), "api": api, "uid": user,
                                "server_parent": parent, "health": health, "stop_s": round(stop_s, 1),
                                "grace_s": pod.grace_s})
    assert "version" in api and user == "1000" and health == 0
    assert parent not in ("bash", "sh", "dash"), f"a shell sits between the container and Jupyter: {parent}"
    assert stop_s < pod.grace_s


@pytest.mark.parametrize("folder", ["spark-4.1", "spark-3.5"])
def test_executor_entrypoint_reaches_for_its_driver(folder, tmp_path):
    """`executor` with the environment Spark's Kubernetes scheduler gives an executor pod: the
    JVM starts KubernetesExecutorBackend with every argument accepted and then tries the driver
    (none listens here, so it exits with a connection error)."""
    ref = built(folder)
    port = il.free_port()  # nothing listens on it
    env = {"SPARK_DRIVER_URL": f"spark://CoarseGrainedScheduler@127.0.0.1:{port}", "SPARK_EXECUTOR_ID": "1",
           "SPARK_EXECUTOR_CORES": "1", "SPARK_EXECUTOR_MEMORY": "512m", "SPARK_APPLICATION_ID": "spark-image-test",
           "SPARK_EXECUTOR_POD_IP": "127.0.0.1", "SPARK_RESOURCE_PROFILE_ID": "0",
           "SPARK_EXECUTOR_POD_NAME": "exec-1", "SPARK_JAVA_OPT_0": f"-Dspark.driver.port={port}"}
    entrypoint = il.inspect(ref)["OCIv1"]["config"]["Entrypoint"]
    ctr = il.Container(ref, f"imgtest-exec-{folder}", tmp_path)
    try:
        r = ctr.run([*entrypoint, "executor"], env, timeout=180)
    finally:
        ctr.remove()
    log = r.stdout + r.stderr
    assert "KubernetesExecutorBackend: Started daemon" in log, log[-3000:]
    assert f"Failed to connect to /127.0.0.1:{port}" in log, log[-3000:]
