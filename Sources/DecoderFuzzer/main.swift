// libFuzzer target over every decoder: any bytes must give audio or a PlaybackError, never a crash or hang.
// Built and run by `make fuzz` (-sanitize=fuzzer supplies `main`; this file only exports the entry point).
import Foundation
import Playback
import RemixCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let encodings: [AudioEncoding] = [.mp3, .opus, .pcm16(sampleRate: 24000), .ulaw, .alaw]
    for encoding in encodings {
        _ = try? Decoding.decoder(for: data, encoding: encoding).decodeAll()
    }
    _ = try? AudioFormatSniffer.encoding(of: data, fileExtension: "mp3")
    return 0
}
