#!/usr/bin/env python3
"""Write the spark-operator chart's CRDs (charts/spark-operator/crds/) from the compact field
list below: the v1beta2 SparkApplication / ScheduledSparkApplication API of the Kubeflow Spark
Operator (2.x) and its v1alpha1 SparkConnect. Pod-shaped sub-objects (affinity, env, security
contexts, templates ...) keep unknown fields; the Spark-level fields are typed, so a typo in a
SparkApplication is caught by the chart tests (and, for typed fields, pruned by the API server)."""
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[3] / "charts" / "spark-operator" / "crds"

S = {"type": "string"}
I = {"type": "integer"}
B = {"type": "boolean"}
ANY_OBJ = {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
ANY_LIST = {"type": "array", "items": ANY_OBJ}
STR_MAP = {"type": "object", "additionalProperties": S}
STR_LIST = {"type": "array", "items": S}
QTY = {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True}


def obj(props, required=None, **extra):
    o = {"type": "object", "properties": props}
    if required:
        o["required"] = required
    o.update(extra)
    return o


POD_COMMON = {
    "template": ANY_OBJ, "cores": {"type": "integer", "minimum": 1}, "coreLimit": S, "memory": S,
    "memoryOverhead": S, "gpu": obj({"name": S, "quantity": {"type": "integer", "format": "int64"}}, ["name", "quantity"]),
    "image": S, "configMaps": {"type": "array", "items": obj({"name": S, "path": S}, ["name", "path"])},
    "secrets": {"type": "array", "items": obj({"name": S, "path": S, "secretType": S}, ["name", "path", "secretType"])},
    "env": ANY_LIST, "envVars": STR_MAP, "envFrom": ANY_LIST, "labels": STR_MAP, "annotations": STR_MAP,
    "volumeMounts": ANY_LIST, "affinity": ANY_OBJ, "tolerations": ANY_LIST, "podSecurityContext": ANY_OBJ,
    "securityContext": ANY_OBJ, "schedulerName": S, "sidecars": ANY_LIST, "initContainers": ANY_LIST,
    "hostNetwork": B, "nodeSelector": STR_MAP, "dnsConfig": ANY_OBJ, "terminationGracePeriodSeconds": I,
    "serviceAccount": S, "hostAliases": ANY_LIST, "shareProcessNamespace": B, "memoryRequest": S,
}
PORTS = {"type": "array", "items": obj({"name": S, "protocol": S, "containerPort": I}, ["name", "protocol", "containerPort"])}
DRIVER = obj({**POD_COMMON, "podName": S, "coreRequest": S, "javaOptions": S, "lifecycle": ANY_OBJ,
              "kubernetesMaster": S, "serviceAnnotations": STR_MAP, "serviceLabels": STR_MAP, "ports": PORTS,
              "priorityClassName": S})
EXECUTOR = obj({**POD_COMMON, "instances": {"type": "integer", "minimum": 1}, "coreRequest": S, "javaOptions": S,
                "lifecycle": ANY_OBJ, "deleteOnTermination": B, "ports": PORTS, "priorityClassName": S})
APP_SPEC = obj({
    "type": {"type": "string", "enum": ["Java", "Python", "Scala", "R"]},
    "sparkVersion": S,
    "mode": {"type": "string", "enum": ["cluster", "client", "in-cluster-client"]},
    "proxyUser": S, "image": S, "imagePullPolicy": S, "imagePullSecrets": STR_LIST,
    "mainClass": S, "mainApplicationFile": S, "arguments": STR_LIST,
    "sparkConf": STR_MAP, "hadoopConf": STR_MAP, "sparkConfigMap": S, "hadoopConfigMap": S,
    "volumes": ANY_LIST, "driver": DRIVER, "executor": EXECUTOR,
    "deps": obj({k: STR_LIST for k in ("jars", "files", "pyFiles", "packages", "excludePackages",
                                        "repositories", "archives")}),
    "restartPolicy": obj({"type": {"type": "string", "enum": ["Never", "Always", "OnFailure"]},
                          "onSubmissionFailureRetries": I, "onFailureRetries": I,
                          "onSubmissionFailureRetryInterval": {"type": "integer", "format": "int64"},
                          "onFailureRetryInterval": {"type": "integer", "format": "int64"}}),
    "nodeSelector": STR_MAP, "failureRetries": I, "retryInterval": {"type": "integer", "format": "int64"},
    "pythonVersion": {"type": "string", "enum": ["2", "3"]}, "memoryOverheadFactor": S,
    "monitoring": ANY_OBJ, "batchScheduler": S, "timeToLiveSeconds": {"type": "integer", "format": "int64"},
    "batchSchedulerOptions": ANY_OBJ, "sparkUIOptions": ANY_OBJ, "driverIngressOptions": ANY_LIST,
    "dynamicAllocation": obj({"enabled": B, "initialExecutors": I, "minExecutors": I, "maxExecutors": I,
                              "shuffleTrackingEnabled": B, "shuffleTrackingTimeout": {"type": "integer", "format": "int64"}}),
}, ["driver", "executor", "mainApplicationFile", "sparkVersion", "type"])
SCHEDULED_SPEC = obj({
    "schedule": S, "timeZone": S, "template": APP_SPEC, "suspend": B,
    "concurrencyPolicy": {"type": "string", "enum": ["Allow", "Forbid", "Replace"]},
    "successfulRunHistoryLimit": I, "failedRunHistoryLimit": I,
}, ["schedule", "template"])
CONNECT_SPEC = obj({
    "sparkVersion": S, "image": S, "sparkConf": STR_MAP, "hadoopConf": STR_MAP,
    "server": ANY_OBJ, "executor": ANY_OBJ, "dynamicAllocation": ANY_OBJ,
}, ["executor", "server", "sparkVersion"])


def crd(kind, plural, short, version, spec, columns):
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{plural}.sparkoperator.k8s.io",
                     "annotations": {"spark-platform/generated-by": "Tests/charts/tools/gen_crds.py"}},
        "spec": {
            "group": "sparkoperator.k8s.io",
            "scope": "Namespaced",
            "names": {"kind": kind, "listKind": kind + "List", "plural": plural,
                      "singular": kind.lower(), "shortNames": [short]},
            "versions": [{
                "name": version, "served": True, "storage": True,
                "subresources": {"status": {}},
                "additionalPrinterColumns": columns,
                "schema": {"openAPIV3Schema": obj(
                    {"apiVersion": S, "kind": S, "metadata": {"type": "object"}, "spec": spec,
                     "status": ANY_OBJ}, ["metadata", "spec"])},
            }],
        },
    }


AGE = {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}
STATE = {"name": "Status", "type": "string", "jsonPath": ".status.applicationState.state"}


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for fname, doc in [
        ("sparkapplications.yaml", crd("SparkApplication", "sparkapplications", "sparkapp", "v1beta2", APP_SPEC,
                                       [STATE, AGE])),
        ("scheduledsparkapplications.yaml", crd("ScheduledSparkApplication", "scheduledsparkapplications",
                                                "scheduledsparkapp", "v1beta2", SCHEDULED_SPEC,
                                                [{"name": "Schedule", "type": "string", "jsonPath": ".spec.schedule"},
                                                 {"name": "Suspend", "type": "boolean", "jsonPath": ".spec.suspend"},
                                                 AGE])),
        ("sparkconnects.yaml", crd("SparkConnect", "sparkconnects", "sparkconn", "v1alpha1", CONNECT_SPEC, [AGE])),
    ]:
        text = "# Generated by Tests/charts/tools/gen_crds.py - edit that file, not this one.\n" + \
            yaml.dump(doc, Dumper=_NoAliases, sort_keys=False, width=120)
        (OUT / fname).write_text(text)
        print("wrote", OUT / fname)


if __name__ == "__main__":
    main()
