// swift-tools-version:6.1
// fabrique: a workbench for survey and capitalisation studies in territorial public health.
import PackageDescription

let package = Package(
    name: "fabrique",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fabrique", targets: ["fabrique"]),
        .library(name: "FabriqueCore", targets: ["FabriqueCore"]),
        .library(name: "FabriqueCSV", targets: ["FabriqueCSV"]),
        .library(name: "FabriqueStore", targets: ["FabriqueStore"]),
        .library(name: "FabriqueFormats", targets: ["FabriqueFormats"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // Traits off: swift-configuration support is not used, and it would lengthen every build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        // Hummingbird's byte buffers, which the form pages are written into (the version Hummingbird resolves).
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // Imported directly by the web module (versions Hummingbird resolves).
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // The PostgreSQL store (docs/architecture.md, "Two engines").
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Its TLS settings (sslmode), at the version postgres-nio resolves.
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6")
    ],
    targets: [
        // Survey model, expression language, validation, codebook, experiences, referential. No I/O.
        .target(
            name: "FabriqueCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        // libcsv (Debian libcsv-dev), the CSV parser under FabriqueCSV.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // cmark-gfm (Debian libcmark-gfm-dev), GitHub's CommonMark renderer, for the HTML reports.
        .systemLibrary(
            name: "CLibCmark",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // ReadStat (Debian libreadstat-dev), the SPSS .sav and Stata .dta writer under FabriqueFormats.
        .systemLibrary(
            name: "CLibReadStat",
            providers: [.apt(["libreadstat-dev"])]
        ),
        // GLPK (Debian libglpk-dev), the linear and mixed-integer solver under FabriqueDisclosure.
        .systemLibrary(
            name: "CLibGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // Streaming CSV reading (libcsv) and writing, with encoding and delimiter detection.
        .target(
            name: "FabriqueCSV",
            dependencies: ["CLibCSV"]
        ),
        // Statistics: pure functions on arrays, no I/O.
        .target(name: "FabriqueStats"),
        // Statistical disclosure control: least-loss secondary suppression and the interval audit of
        // everything published together (GLPK). Pure: cells and relations in, a pattern out.
        .target(name: "FabriqueDisclosure", dependencies: ["CLibGLPK"]),
        // The store: its interface by concern, and every SQL statement on both engines (AppDatabase on
        // SQLite, PostgresStore on PostgreSQL), with their migrations.
        .target(
            name: "FabriqueStore",
            dependencies: [
                "FabriqueCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        // Other tools' questionnaire formats (XLSForm, REDCap, LimeSurvey), read and written, and the
        // SPSS and Stata data files (ReadStat). No database.
        .target(
            name: "FabriqueFormats",
            dependencies: [
                "FabriqueCore", "FabriqueCSV", "CLibReadStat",
                .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ]
        ),
        // The import pipeline's hand-overs between threads: a bounded queue, a reorder buffer and a
        // pool of reusable buffers. Internal (no product): its types are `package`.
        .target(name: "FabriquePipeline"),
        // CSV import and export of responses (and their SPSS and Stata datasets): column matching, value
        // conventions, the bulk pipeline.
        .target(
            name: "FabriqueImport",
            dependencies: ["FabriqueCore", "FabriqueCSV", "FabriqueStore", "FabriquePipeline", "FabriqueFormats"]
        ),
        // Tables from stored responses (via Stats), and the Markdown, HTML and SVG reports.
        .target(
            name: "FabriqueReports",
            dependencies: [
                "FabriqueCore", "FabriqueStats", "FabriqueStore", "FabriqueDisclosure", "CLibCmark",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ]
        ),
        // The web app: respondent forms, invitations, staff sessions, the dashboard.
        .target(
            name: "FabriqueWeb",
            dependencies: [
                "FabriqueCore", "FabriqueCSV", "FabriqueStore", "FabriqueReports", "FabriqueImport", "FabriqueFormats",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log")
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        // The command-line interface: parse, open the database, call a module, print.
        .executableTarget(
            name: "fabrique",
            dependencies: [
                "FabriqueCore", "FabriqueCSV", "FabriqueStore", "FabriqueImport", "FabriqueStats", "FabriqueReports", "FabriqueWeb",
                "FabriqueFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird")
            ]
        ),
        // Fixtures and helpers shared by the test targets.
        .target(
            name: "FabriqueTestSupport",
            dependencies: [
                "FabriqueCore", "FabriqueStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        // libFuzzer targets (docs/fuzzing.md): `make fuzz` builds them with the fuzzer and address
        // sanitizers; a plain build makes each one a replayer of the files it is given.
        .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FabriqueCSV", "FuzzSupport"], path: "Fuzz/FuzzCSV"),
        .executableTarget(name: "FuzzYAML", dependencies: ["FabriqueCore", "FuzzSupport"], path: "Fuzz/FuzzYAML"),
        .executableTarget(name: "FuzzExpression", dependencies: ["FabriqueCore", "FuzzSupport"], path: "Fuzz/FuzzExpression"),
        .executableTarget(name: "FuzzFormBody", dependencies: ["FabriqueCore", "FuzzSupport"], path: "Fuzz/FuzzFormBody"),
        .testTarget(name: "FabriqueCoreTests", dependencies: ["FabriqueCore", "FabriqueTestSupport"]),
        .testTarget(name: "FabriqueCSVTests", dependencies: ["FabriqueCSV", "FabriqueCore", "FabriqueTestSupport"]),
        .testTarget(
            name: "FabriqueStoreTests",
            dependencies: [
                "FabriqueStore", "FabriqueCore", "FabriqueTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log")
            ]),
        .testTarget(name: "FabriquePipelineTests", dependencies: ["FabriquePipeline"]),
        .testTarget(
            name: "FabriqueDisclosureTests", dependencies: ["FabriqueDisclosure", "FabriqueStats", "FabriqueCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FabriqueStatsTests", dependencies: ["FabriqueStats"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "FabriqueReportsTests",
            dependencies: [
                "FabriqueReports", "FabriqueImport", "FabriqueCore", "FabriqueCSV", "FabriqueStore", "FabriqueStats", "FabriqueTestSupport"
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "FabriqueImportTests",
            dependencies: [
                "FabriqueImport", "FabriqueCore", "FabriqueCSV", "FabriqueStore", "FabriqueTestSupport", "FabriqueFormats",
                .product(name: "GRDB", package: "GRDB.swift")
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "FabriqueWebTests",
            dependencies: [
                "FabriqueWeb", "FabriqueCore", "FabriqueStore", "FabriqueReports", "FabriqueImport", "FabriqueCSV", "FabriqueTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift")
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "FabriqueFormatsTests", dependencies: ["FabriqueFormats", "FabriqueCore", "FabriqueTestSupport"]),
        .testTarget(
            name: "fabriqueTests",
            dependencies: [
                "fabrique", "FabriqueCore", "FabriqueFormats", "FabriqueTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ])
    ]
)
