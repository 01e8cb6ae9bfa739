# docsite's JSON Schema verdicts against Helm's own (helm-python-sdk, Helm v4 Go SDK).
TEST_TARGETS += test-schema-agreement

.PHONY: test-schema-agreement

test-schema-agreement: venv docsite
	DOCSITE=$(CURDIR)/$(DOCSITE) $(VENV)/bin/python -m pytest Tests/schema -q -s -p no:cacheprovider
