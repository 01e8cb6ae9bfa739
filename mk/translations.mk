# `docsite translations export/import` (PO files): GNU gettext (Debian's gettext) is the reference
# the PO writer and reader are checked against in `swift test`: msgfmt compiles the export, msgcat
# re-wraps it and msgmerge marks a changed English text fuzzy, as translation tools do
# (POWriterTests, TranslationExchangeTests; skipped with a message where gettext is absent).
# `make test` installs it before test-swift runs.
APT_TEST_PACKAGES += gettext
