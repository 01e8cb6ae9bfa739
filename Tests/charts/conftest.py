"""Collects the figures the chart tests measured and writes Tests/charts/out/summary.json."""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import chartlib  # noqa: E402

OUT = Path(__file__).parent / "out"


class Summary:
    def __init__(self):
        self.renders: dict[str, int] = {}          # "<chart> [<overlay>]" -> objects rendered
        self.kinds: dict[str, int] = defaultdict(int)
        self.pss_checks = 0                         # pod specs checked x profiles
        self.pss_pods = 0
        self.kube_validations = 0
        self.images: set[str] = set()
        self.overlays: set[str] = set()
        self.lint: dict[str, int] = {}
        self.schema_properties: dict[str, int] = {}
        self.spark_conf_keys: dict[str, int] = {}
        self.config_keys: dict[str, dict[str, int]] = {}   # render -> settings per reading software
        self.crs_validated = 0

    def as_dict(self):
        return {
            "objects_rendered": sum(self.renders.values()),
            "renders": len(self.renders),
            "objects_per_render": dict(sorted(self.renders.items())),
            "kinds": dict(sorted(self.kinds.items())),
            "overlays": sorted(self.overlays),
            "overlay_count": len(self.overlays),
            "pss_pod_templates_checked": self.pss_pods,
            "pss_checks": self.pss_checks,
            "pss_profiles": ["baseline", "restricted"],
            "kubernetes_versions": chartlib.KUBE_VERSIONS,
            "kubernetes_validations_strict": self.kube_validations,
            "images_pinned": sorted(self.images),
            "charts_linted": self.lint,
            "schema_properties_described": self.schema_properties,
            "spark_defaults_keys": self.spark_conf_keys,
            "config_keys_checked": self.config_keys,
            "custom_resources_validated": self.crs_validated,
        }


SUMMARY = Summary()


@pytest.fixture(scope="session")
def summary() -> Summary:
    return SUMMARY


def pytest_sessionfinish(session, exitstatus):
    OUT.mkdir(exist_ok=True)
    (OUT / "summary.json").write_text(json.dumps(SUMMARY.as_dict(), indent=2) + "\n")


def pytest_terminal_summary(terminalreporter):
    d = SUMMARY.as_dict()
    short = {k: d[k] for k in ("objects_rendered", "renders", "overlay_count", "pss_pod_templates_checked",
                               "pss_checks", "kubernetes_versions", "kubernetes_validations_strict",
                               "custom_resources_validated")}
    short["images_pinned"] = len(d["images_pinned"])
    short["charts_linted"] = len(d["charts_linted"])
    short["schema_properties_described"] = sum(d["schema_properties_described"].values())
    terminalreporter.write_sep("-", "chart test summary (full: Tests/charts/out/summary.json)")
    terminalreporter.write_line(json.dumps(short, indent=1))
