# The platform's images (docker/): spark-4.1, spark-3.5, jupyter-4.1, jupyter-3.5, built with
# buildah (no Docker daemon) on a debian:bookworm-slim made locally with debootstrap.
#   make images                         build what changed (reuses an up-to-date build)
#   make images SKIP_MAVEN_JARS=false   also run the Maven stage (needs Maven Central and
#                                       pinned hashes in docker/spark-*/deps/jars.lock)
#   make test-images                    hadolint + the image test (part of `make test`)
# The debootstrapped root filesystem, build state and test figures stay in .build-images/
# (gitignored); layers stay in buildah's storage (/var/lib/containers), so local reruns are fast.
# Maven Central is not reachable where this runs: the Maven stage is skipped by default and the
# build and the image test say which jars are missing because of it.
SKIP_MAVEN_JARS ?= true
IMAGES_PYTEST_ARGS ?=

APT_TEST_PACKAGES += buildah debootstrap
TEST_TARGETS += test-images

.PHONY: images test-images

images: deps-apt-test
	$(SUDO) $(PYTHON) scripts/images.py base
	$(SUDO) SKIP_MAVEN_JARS=$(SKIP_MAVEN_JARS) $(PYTHON) scripts/images.py build

test-images: images venv spark-venvs
	$(SUDO) $(VENV)/bin/python -m pytest Tests/images -q -p no:cacheprovider -rs --durations=5 $(IMAGES_PYTEST_ARGS)
