// libFuzzer target over every decoder: any bytes must give audio or a PlaybackError, never a crash or a
// hang. `make fuzz` builds it with -sanitize=fuzzer,address. SwiftPM gives every executable its own
// `main`, which wins over libFuzzer's, so this `main` starts libFuzzer's driver itself; looking the driver
// up at run time lets the plain `swift build` (no libFuzzer) link too.
import Foundation
import Playback
import RemixCore

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let encodings: [AudioEncoding] = [.mp3, .opus, .pcm16(sampleRate: 24000), .ulaw, .alaw]
    for encoding in encodings {
        _ = try? Decoding.decoder(for: data, encoding: encoding).decodeAll()
    }
    _ = try? AudioFormatSniffer.encoding(of: data, fileExtension: "mp3")
    return 0
}

typealias FuzzerDriver = @convention(c) (
    UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

// nil is RTLD_DEFAULT: the executable itself, where -sanitize=fuzzer linked libFuzzer and `make fuzz` exports it.
guard let driver = dlsym(nil, "LLVMFuzzerRunDriver") else {
    FileHandle.standardError.write(Data("error: built without libFuzzer; run `make fuzz`\n".utf8))
    exit(2)
}
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(unsafeBitCast(driver, to: FuzzerDriver.self)(&argc, &argv, fuzzOne))
