// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "docsite",
    // Linux only (Debian; CI and `make site` run there): SystemIO and the
    // preview server call Glibc directly and stop with #error elsewhere.
    // SwiftPM's `platforms` list names Apple systems only, so none is given.
    products: [
        .executable(name: "docsite", targets: ["docsite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // SHA-256 for translation source hashes (Foundation on Linux has no digest API).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // cmark-gfm from Debian (libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The only module that sees cmark's C API; it exports Swift values.
        .target(name: "Markdown", dependencies: ["CCmarkGFM", "TypedHTML"]),
        // HTML output: element and attribute types, a writer and the one escaper.
        .target(name: "TypedHTML"),
        // A self-contained JSON Schema validator (draft-07 and 2020-12).
        .target(name: "JSONSchema"),
        // The one Diagnostic type (severity, code, file, line, message) every stage emits.
        .target(name: "Diagnostics"),
        // The system calls: whole-file reads and writes, the directory walk, file locks.
        .target(name: "SystemIO"),
        // YAML loading: Yams trees with source positions, the libyaml prescan and
        // Helm's values decoding. libyaml is Yams' own C target `CYaml`; SwiftPM can
        // only name another package's products, so it arrives with the Yams product
        // and is imported `internal` here: no libyaml type can leave this module.
        .target(
            name: "YAML",
            dependencies: ["Diagnostics", "JSONSchema", .product(name: "Yams", package: "Yams")]
        ),
        // zlib from Debian (zlib1g-dev): Pagefind's index files are gzipped.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Snowball 3.0.0's English and Russian stemmers, as Pagefind stems.
        .target(name: "Stemming"),
        // Pagefind's index files (CBOR in gzip): indexes shards of pages as
        // Pagefind does and merges shard indexes into the one index Pagefind
        // would build over the whole site.
        .target(name: "PagefindIndex", dependencies: ["CZlib", "SystemIO", "Stemming", .product(name: "Crypto", package: "swift-crypto")]),
        // Everything the commands do: load, check, render, write.
        .target(
            name: "DocsiteKit",
            dependencies: ["Markdown", "TypedHTML", "JSONSchema", "Diagnostics", "YAML", "SystemIO", "PagefindIndex",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // `docsite serve`: the preview server and folder watcher, outside the
        // core library (only the executable uses them).
        .target(name: "Preview", dependencies: ["DocsiteKit", "SystemIO"]),
        .executableTarget(
            name: "docsite",
            dependencies: ["DocsiteKit", "Preview", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `make bench`: docsite against Hugo on a generated bilingual corpus.
        .executableTarget(name: "docsite-bench", dependencies: ["DocsiteKit", "JSONSchema", "Markdown", "SystemIO", "PagefindIndex"]),
        // Fuzzing (issue 9): the entry logic lives in FuzzHarness so the
        // replay tests run it too; `make fuzz` (mk/fuzz.mk) builds the four
        // targets with -sanitize=fuzzer. A plain build makes small replayers.
        .target(name: "FuzzHarness", dependencies: ["DocsiteKit", "JSONSchema", "Markdown", "YAML", "SystemIO"]),
        .executableTarget(name: "FuzzPageLoading", dependencies: ["FuzzHarness"]),
        .executableTarget(name: "FuzzLinkRewriting", dependencies: ["FuzzHarness"]),
        .executableTarget(name: "FuzzSchemaValidator", dependencies: ["FuzzHarness"]),
        .executableTarget(name: "FuzzOverlayMerge", dependencies: ["FuzzHarness"]),
        .testTarget(name: "FuzzReplayTests", dependencies: ["FuzzHarness"], path: "Tests/Fuzz",
                    exclude: ["corpus", "regressions"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "StemmingTests", dependencies: ["Stemming"], exclude: ["Fixtures"]),
        .testTarget(name: "PagefindIndexTests", dependencies: ["PagefindIndex", "SystemIO"], exclude: ["Fixtures"]),
        .testTarget(name: "TypedHTMLTests", dependencies: ["TypedHTML"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"]),
        .testTarget(
            name: "DocsiteKitTests",
            dependencies: ["DocsiteKit", "Markdown", "YAML", "SystemIO", "Preview", "PagefindIndex"],
            exclude: ["Fixtures"]
        ),
        // Runs the built executable (exit codes, --help, each format); the
        // dependency makes `swift test` build it first.
        .testTarget(name: "docsiteTests", dependencies: ["docsite"]),
    ]
)
