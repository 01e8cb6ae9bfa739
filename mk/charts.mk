# Helm charts (charts/): offline tests with real Helm v4 (helm-python-sdk), kubernetes-validate
# and our own Pod Security Standards checker. Figures land in Tests/charts/out/summary.json.
TEST_TARGETS += test-charts

.PHONY: test-charts charts-schema

# checkov (the security gate, Tests/charts/test_checkov.py) lives in its own venv: its dependency tree is large.
CHECKOV_VENV := .venv-checkov

$(CHECKOV_VENV)/.stamp: requirements/checkov.txt
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install -q --disable-pip-version-check -r requirements/checkov.txt
	touch $@

test-charts: venv $(CHECKOV_VENV)/.stamp
	CHECKOV=$(CURDIR)/$(CHECKOV_VENV)/bin/checkov $(VENV)/bin/python -m pytest Tests/charts -q -p no:cacheprovider

# Regenerate every values.schema.json from the annotated values.yaml files.
charts-schema: venv
	$(VENV)/bin/python Tests/charts/tools/gen_schema.py --root charts

# Re-vendor the Spark Operator CRDs of the pinned release (needs internet; see charts/spark-operator/crds/README.md).
OPERATOR_VERSION = $(shell sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$$/\1/p' charts/spark-operator/Chart.yaml)
OPERATOR_CRDS := scheduledsparkapplications sparkapplications sparkconnects

.PHONY: charts-crds
charts-crds:
	cd charts/spark-operator/crds && for c in $(OPERATOR_CRDS); do \
	  curl -fsSLo sparkoperator.k8s.io_$$c.yaml \
	    https://raw.githubusercontent.com/kubeflow/spark-operator/v$(OPERATOR_VERSION)/charts/spark-operator-chart/crds/sparkoperator.k8s.io_$$c.yaml; \
	done && sha256sum sparkoperator.k8s.io_*.yaml > SHA256SUMS
