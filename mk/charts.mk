# Helm charts (charts/): offline tests with real Helm v4 (helm-python-sdk), kubernetes-validate
# and our own Pod Security Standards checker. Figures land in Tests/charts/out/summary.json.
TEST_TARGETS += test-charts

.PHONY: test-charts charts-schema

test-charts: venv
	$(VENV)/bin/python -m pytest Tests/charts -q -p no:cacheprovider

# Regenerate every values.schema.json from the annotated values.yaml files.
charts-schema: venv
	$(VENV)/bin/python Tests/charts/tools/gen_schema.py --root charts
