# `docsite translations export --format po`: GNU msgfmt (Debian's gettext) is the reference PO
# reader the export is checked against in `swift test` (POWriterTests; skipped with a message where
# msgfmt is absent). `make test` installs it before test-swift runs.
APT_TEST_PACKAGES += gettext
