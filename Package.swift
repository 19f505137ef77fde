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
        // The embedded engine: synthesis, DSP and encoding in-process through the C shims.
        .target(
            name: "RemixEngine",
            dependencies: ["RemixCore", "CFlite", "CEspeakNG", "CRubberBand", "CEbur128", "CLame"],
            resources: [.copy("Resources")]
        ),

        .executableTarget(
            name: "remix",
            dependencies: [
                "RemixCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "RemixBench", dependencies: ["RemixCore", "RemixEngine", "TestSupport"]),

        .testTarget(name: "RemixCoreTests", dependencies: ["RemixCore"]),
        .testTarget(name: "RemixCLITests", dependencies: ["RemixCore", "TestSupport"]),
        .testTarget(name: "RemixEngineTests", dependencies: ["RemixEngine", "RemixCore", "TestSupport"]),
        // Shared by the tests: running reference tools, measuring F0 and loudness of captured audio.
        .target(name: "TestSupport", dependencies: ["RemixCore", "CEbur128"], path: "Tests/TestSupport"),
    ]
)
