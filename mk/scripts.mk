# scripts/*.sh: the local mode of every script is a subset of the suites `make test` already runs
# (test-spark: Tests/spark incl. test_side_by_side.py; test-charts: Tests/charts/test_coexistence.py),
# so here only their argument handling, --cluster included, is tested (no cluster needed).
TEST_TARGETS += test-scripts

.PHONY: test-scripts

test-scripts: venv
	$(VENV)/bin/python -m pytest Tests/scripts -q -p no:cacheprovider
