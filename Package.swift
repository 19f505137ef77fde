// swift-tools-version: 6.0
import PackageDescription

// One target per layer; each layer depends only on the ones below it (see DESIGN.md).
// C libraries come from Debian's -dev packages through the system-library targets `C*`.

func systemLibrary(_ name: String, pkgConfig: String? = nil, apt: [String]) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkgConfig, providers: [.apt(apt)])
}

let package = Package(
    name: "RemixWorkbench",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "remix", targets: ["remix"]),
        .executable(name: "remix-bench", targets: ["RemixBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C shims
        systemLibrary("CFlite", apt: ["flite1-dev"]),
        systemLibrary("CEspeakNG", apt: ["libespeak-ng-dev"]),
        systemLibrary("CRubberBand", apt: ["librubberband-dev"]),
        systemLibrary("CEbur128", pkgConfig: "libebur128", apt: ["libebur128-dev"]),
        systemLibrary("CLame", apt: ["libmp3lame-dev"]),
        systemLibrary("CMPG123", pkgConfig: "libmpg123", apt: ["libmpg123-dev"]),
        systemLibrary("CPulse", pkgConfig: "libpulse", apt: ["libpulse-dev"]),
        systemLibrary("COpus", pkgConfig: "opusfile", apt: ["libopusfile-dev"]),
        systemLibrary("COpusEnc", pkgConfig: "libopusenc", apt: ["libopusenc-dev"]),
        systemLibrary("CNcursesW", apt: ["libncurses-dev"]),

        // Domain: validated parameters, formats, voices, previews, the RemixBackend seam.
        .target(name: "RemixCore"),

        // Wire types, client and server stubs generated from `openapi.yaml`, the one source of truth
        // for the wire format, plus the mapping between them and the domain types.
        .target(
            name: "RemixAPI",
            dependencies: [
                "RemixCore",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),

        // The embedded engine: synthesis, DSP and encoding in-process through the C shims.
        .target(
            name: "RemixEngine",
            dependencies: ["RemixCore", "AudioMeasures", "CFlite", "CEspeakNG", "CRubberBand", "CLame", "COpusEnc"],
            resources: [.copy("Resources")]
        ),

        // Decoders (MP3, PCM, G.711, Opus) to PCMBuffer and the PulseAudio player; the only user of the audio C shims.
        .target(name: "Playback", dependencies: ["RemixCore", "CMPG123", "CPulse", "COpus"]),
        // Measures of decoded audio: the engine sets a preview's loudness with them, the workbench shows it.
        .target(name: "AudioMeasures", dependencies: ["RemixCore", "CEbur128"]),

        // ElevenLabs (or any compatible server) through the generated client.
        .target(
            name: "ElevenLabsBackend",
            dependencies: [
                "RemixCore", "RemixAPI",
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // Sessions, iterations, previews and kept voices in SQLite.
        .target(name: "SessionStore", dependencies: ["RemixCore", .product(name: "GRDB", package: "GRDB.swift")]),

        // The remix workflow every front end shares: iterations noted, run, completed or failed in the store.
        .target(name: "Studio", dependencies: ["RemixCore", "SessionStore"]),

        // The HTTP API over any RemixBackend, through the generated server stubs.
        .target(
            name: "RemixServer",
            dependencies: [
                "RemixCore", "RemixAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // The terminal: ncurses set-up and teardown, keys, and flushing a Canvas; the only user of CNcursesW.
        .target(name: "TerminalUI", dependencies: ["RemixCore", "CNcursesW"]),

        // The workbench TUI: State, Action, a pure update, views to a Canvas, the keymap, the effect runner.
        .target(name: "Workbench", dependencies: ["RemixCore", "TerminalUI", "Playback", "AudioMeasures", "SessionStore", "Studio"]),

        .executableTarget(
            name: "remix",
            dependencies: [
                "RemixCore", "RemixAPI", "RemixEngine", "Playback", "ElevenLabsBackend", "SessionStore", "Studio",
                "RemixServer", "Workbench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The static Swift runtime links with --export-dynamic, which puts ~41,000 of our symbols in the
            // dynamic table: the loader then searches them for every symbol of every C library, and the
            // runtime's start-up scans them. Nothing looks our symbols up by name, and `remix play` starts
            // ~2 ms sooner without them (its time to first sound is benchmarked).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
        ),
        .executableTarget(
            name: "RemixBench", dependencies: ["RemixCore", "RemixEngine", "Playback", "ElevenLabsBackend", "TestSupport"]
        ),

        // libFuzzer entry point over the decoders; built by `make fuzz` with -sanitize=fuzzer.
        .executableTarget(name: "DecoderFuzzer", dependencies: ["Playback", "RemixCore"]),

        .testTarget(name: "RemixCoreTests", dependencies: ["RemixCore"]),
        .testTarget(name: "RemixAPITests", dependencies: ["RemixAPI", "RemixCore"]),
        .testTarget(
            name: "ElevenLabsBackendTests",
            dependencies: [
                "ElevenLabsBackend", "RemixCore", "TestSupport",
            ]
        ),
        // SDK/ holds the Python script the official-SDK test runs, not sources of the target.
        .testTarget(name: "RemixServerTests", dependencies: ["RemixCore", "TestSupport"], exclude: ["SDK"]),
        .testTarget(name: "PlaybackTests", dependencies: ["Playback", "RemixCore", "TestSupport"]),
        // GRDB directly, to build stores with the schemas of earlier versions.
        .testTarget(
            name: "SessionStoreTests",
            dependencies: ["SessionStore", "RemixCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "StudioTests", dependencies: ["Studio", "RemixCore", "SessionStore", "RemixEngine", "TestSupport"]),
        .testTarget(name: "RemixCLITests", dependencies: ["RemixCore", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench", "TerminalUI", "RemixCore", "AudioMeasures", "TestSupport"]),
        .testTarget(name: "RemixEngineTests", dependencies: ["RemixEngine", "RemixCore", "TestSupport"]),
        // Shared by the tests: running reference tools, measuring F0 and loudness of captured audio.
        .target(
            name: "TestSupport",
            dependencies: [
                "RemixCore", "CEbur128",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
    ]
)
