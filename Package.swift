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
    ],
    targets: [
        // C shims
        systemLibrary("CFlite", apt: ["flite1-dev"]),
        systemLibrary("CEspeakNG", pkgConfig: "espeak-ng", apt: ["libespeak-ng-dev"]),
        systemLibrary("CRubberBand", pkgConfig: "rubberband", apt: ["librubberband-dev"]),
        systemLibrary("CEbur128", pkgConfig: "libebur128", apt: ["libebur128-dev"]),
        systemLibrary("CLame", apt: ["libmp3lame-dev"]),
        systemLibrary("CMPG123", pkgConfig: "libmpg123", apt: ["libmpg123-dev"]),
        systemLibrary("CPulse", pkgConfig: "libpulse", apt: ["libpulse-dev"]),
        systemLibrary("COpus", pkgConfig: "opusfile", apt: ["libopusfile-dev", "libopusenc-dev"]),

        // Domain: validated parameters, formats, voices, previews, the RemixBackend seam.
        .target(name: "RemixCore"),
        // Decoders (MP3, PCM, G.711, Opus) to PCMBuffer and the PulseAudio player; the only user of the audio C shims.
        .target(name: "Playback", dependencies: ["RemixCore", "CMPG123", "CPulse", "COpus"]),

        .executableTarget(
            name: "remix",
            dependencies: [
                "RemixCore",
                "Playback",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "RemixBench", dependencies: ["RemixCore", "Playback", "TestSupport"]),
        // libFuzzer entry point over the decoders; built by `make fuzz` with -sanitize=fuzzer.
        .executableTarget(name: "DecoderFuzzer", dependencies: ["Playback", "RemixCore"]),

        .testTarget(name: "RemixCoreTests", dependencies: ["RemixCore"]),
        .testTarget(name: "PlaybackTests", dependencies: ["Playback", "RemixCore", "TestSupport"]),
        .testTarget(name: "RemixCLITests", dependencies: ["RemixCore", "TestSupport"]),
        // Shared by the tests: running reference tools, measuring F0 and loudness of captured audio.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ]
)
