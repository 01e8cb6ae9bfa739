"""The worked example of the Kubernetes-native guide (content/{en,ru}/guides/kubernetes-native-jobs.md)
is what the spark-4.1 chart renders: the kit's spark-defaults.conf for the values the guide
installs with, and a submit Job that uses the kit's service account, ConfigMap, mount path and
image, runs the Python SparkPi that image carries, passes the Kubernetes schemas and Pod Security
restricted, and asks the Role only for what spark-submit does in cluster mode."""
from __future__ import annotations

import functools
import re

import kubernetes_validate
import pytest
import yaml

import chartlib as c
import pss

GUIDES = {lang: c.REPO / "content" / lang / "guides" / "kubernetes-native-jobs.md" for lang in ("en", "ru")}
RELEASE = "spark-41"
PI_EXAMPLE = "local:///opt/spark/examples/src/main/python/pi.py"
# what spark-submit creates in cluster mode: the driver pod, its Service and the ConfigMap of its conf
SUBMIT_NEEDS = {"pods": {"create", "get", "watch", "delete"}, "services": {"create"}, "configmaps": {"create"}}


def blocks(lang: str, info: str) -> list[str]:
    text = GUIDES[lang].read_text(encoding="utf-8")
    return re.findall(rf"(?ms)^```{info}\n(.*?)^```$", text)


@functools.lru_cache(maxsize=None)
def kit() -> tuple[list[dict], dict]:
    """Render the chart with the files of the guide's helm install command."""
    install = next(b for b in blocks("en", "bash") if "helm install" in b)
    files = re.findall(r"-f (\S+)", install)
    assert files == ["charts/values-common.yaml", "content/examples/values-spark-4.1-celeborn.yaml"], files
    values = c.values_for("spark-4.1", c.REPO / files[1])
    docs = c.render(c.chart_path("spark-4.1"), values, RELEASE)
    cm = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == f"{RELEASE}-spark-submit")
    return docs, cm


def job(lang: str) -> dict:
    return yaml.safe_load(next(b for b in blocks(lang, "yaml") if "kind: Job" in b))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_properties_block_is_the_rendered_kit(lang):
    _, cm = kit()
    shown = blocks(lang, "properties")
    assert len(shown) == 1, f"{GUIDES[lang]}: expected one properties block"
    assert shown[0] == cm["data"]["spark-defaults.conf"].rstrip("\n") + "\n", (
        f"{GUIDES[lang]}: the properties block differs from what the chart renders; "
        "rewrite it with: .venv/bin/python Tests/charts/test_submit_guide.py")
    assert "spark.shuffle.manager org.apache.spark.shuffle.celeborn.SparkShuffleManager" in shown[0]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_job_uses_the_kit(lang):
    docs, cm = kit()
    j = job(lang)
    props = c.spark_properties(cm["data"]["spark-defaults.conf"])
    spec = j["spec"]["template"]["spec"]
    ctr = spec["containers"][0]
    assert j["metadata"]["namespace"] == props["spark.kubernetes.namespace"]
    assert spec["serviceAccountName"] == props["spark.kubernetes.authenticate.driver.serviceAccountName"]
    assert ctr["image"] == props["spark.kubernetes.container.image"]
    vol = next(v for v in spec["volumes"] if v.get("configMap", {}).get("name") == cm["metadata"]["name"])
    mount = next(m for m in ctr["volumeMounts"] if m["name"] == vol["name"])
    conf_dir = props["spark.kubernetes.driver.podTemplateFile"].rsplit("/", 1)[0]
    assert mount["mountPath"] == conf_dir, "the pod templates must be where the properties say"
    args = ctr["args"]
    assert args[0].endswith("/spark-submit") and args[args.index("--properties-file") + 1] == f"{conf_dir}/spark-defaults.conf"
    # the platform image (built from the pyspark wheel) has the Python examples, not the examples
    # jar; Tests/images/test_dockerfiles.py checks that the file is in the image's tree
    app = next(a for a in args if a.startswith("local://"))
    assert app == PI_EXAMPLE and "--class" not in args, args
    sa = next(d for d in docs if d["kind"] == "ServiceAccount" and d["metadata"]["name"] == spec["serviceAccountName"])
    token = spec.get("automountServiceAccountToken", sa.get("automountServiceAccountToken", True))
    assert token, "spark-submit needs the service account's token to create the driver pod"


def test_role_allows_what_spark_submit_does():
    docs, cm = kit()
    sa = c.spark_properties(cm["data"]["spark-defaults.conf"])["spark.kubernetes.authenticate.driver.serviceAccountName"]
    binding = next(d for d in docs if d["kind"] == "RoleBinding" and any(s["name"] == sa for s in d["subjects"]))
    role = next(d for d in docs if d["kind"] == "Role" and d["metadata"]["name"] == binding["roleRef"]["name"])
    granted: dict[str, set] = {}
    for r in role["rules"]:
        if "" in r.get("apiGroups", []):
            for res in r["resources"]:
                granted.setdefault(res, set()).update(r["verbs"])
    for res, verbs in SUBMIT_NEEDS.items():
        assert verbs <= granted.get(res, set()), f"Role {role['metadata']['name']} lacks {verbs - granted.get(res, set())} on {res}"


@pytest.mark.parametrize("kube", c.KUBE_VERSIONS)
def test_job_is_valid_and_restricted(kube):
    j = job("en")
    assert job("ru") == j, "the Russian guide must show the same Job"
    kubernetes_validate.validate(j, kube, strict=True)
    tmpl = j["spec"]["template"]
    assert pss.check(tmpl["spec"], tmpl["metadata"]) == []


if __name__ == "__main__":  # rewrite the properties block of both guides from the chart's render
    conf = kit()[1]["data"]["spark-defaults.conf"].rstrip("\n") + "\n"
    for path in GUIDES.values():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?ms)^```properties\n.*?^```$", lambda m: f"```properties\n{conf}```", text),
                        encoding="utf-8")
        print(f"wrote {path.relative_to(c.REPO)}")
