# spark-compat suite: real Spark 3.5.7 and 4.1.0 from PyPI, run locally (no cluster).
#   make test-spark    History Server compatibility, Spark Connect with the charts' settings,
#                      the benchmark at a tiny scale (part of `make test`)
#   make bench-spark   the 3.5.7 vs 4.1.0 benchmark at its default scale; prints the table
#   make spark-pages   regenerate the testing pages from content/data/spark-results.json
# One venv per Spark line; pip's wheel cache is kept (pyspark ships only an sdist, so the
# locally built wheel is what the cache saves).

SPARK35_VENV := .venv-spark35
SPARK41_VENV := .venv-spark41
SPARK_PYTHON ?= $(PYTHON)
SPARK_PIP    := pip install -q --disable-pip-version-check
# Spark 3.5 supports Java 8/11/17 and Spark 4.1 needs 17+: use a JDK 17 when one is installed.
SPARK_JAVA_HOME ?= $(or $(firstword $(wildcard /usr/lib/jvm/java-17-openjdk-*)),$(JAVA_HOME))
SPARK_ENV := JAVA_HOME="$(SPARK_JAVA_HOME)" SPARK35_VENV="$(CURDIR)/$(SPARK35_VENV)" \
             SPARK41_VENV="$(CURDIR)/$(SPARK41_VENV)"
BENCH_SPARK_ARGS ?=
SPARK_PYTEST_ARGS ?=

# python3-venv: `python3 -m venv` on a stock Debian python3 needs it.
APT_TEST_PACKAGES += openjdk-17-jre-headless python3-venv
TEST_TARGETS += test-spark

.PHONY: spark-venvs test-spark bench-spark spark-pages

$(SPARK35_VENV)/.stamp: Tests/spark/requirements-spark35.txt
	rm -rf $(SPARK35_VENV)
	$(SPARK_PYTHON) -m venv $(SPARK35_VENV)
	$(SPARK35_VENV)/bin/$(SPARK_PIP) -r $<
	touch $@

$(SPARK41_VENV)/.stamp: Tests/spark/requirements-spark41.txt
	rm -rf $(SPARK41_VENV)
	$(SPARK_PYTHON) -m venv $(SPARK41_VENV)
	$(SPARK41_VENV)/bin/$(SPARK_PIP) -r $<
	touch $@

spark-venvs: $(SPARK35_VENV)/.stamp $(SPARK41_VENV)/.stamp

test-spark: deps-apt-test spark-venvs
	$(SPARK_ENV) $(SPARK41_VENV)/bin/python -m pytest -q -p no:cacheprovider -rs --durations=12 Tests/spark $(SPARK_PYTEST_ARGS)

bench-spark: deps-apt-test spark-venvs
	$(SPARK_ENV) $(SPARK41_VENV)/bin/python Tests/spark/bench.py $(BENCH_SPARK_ARGS)

spark-pages: $(SPARK41_VENV)/.stamp
	$(SPARK41_VENV)/bin/python scripts/gen-testing-pages.py
