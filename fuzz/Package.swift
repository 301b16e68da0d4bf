// swift-tools-version:6.0
// Fuzz targets for Safeguard, kept out of the main package so that its build never needs libFuzzer.
// Build with `-sanitize=fuzzer` (see run.sh): without it the link fails, as libFuzzer supplies the driver.

import PackageDescription

let package = Package(
    name: "SafeguardFuzzing",
    dependencies: [
        // Named explicitly: a path dependency's identity is otherwise its directory's name, which
        // differs between checkouts and worktrees.
        .package(name: "Safeguard", path: ".."),
    ],
    targets: [
        // One input: a compression selector byte, then a layer blob run through the layer pass and the tar reader.
        .executableTarget(name: "FuzzLayer", dependencies: [
            "CFuzzLayerEntry",
            .product(name: "SafeguardLayerPass", package: "Safeguard"),
        ]),
        // The `main` SwiftPM expects of an executable target, handing over to libFuzzer's driver.
        .target(name: "CFuzzLayerEntry"),
    ]
)
