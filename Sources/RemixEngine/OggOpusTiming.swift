import Foundation

/// How many 48 kHz samples an Ogg Opus stream plays, computed as a decoder does (RFC 7845 §4):
/// the last page's granule position minus the pre-skip in the `OpusHead` packet.
enum OggOpusTiming {
    /// nil unless `data` is a whole single-stream Ogg Opus file.
    static func playedSamples(of data: Data) -> Int? {
        let bytes = [UInt8](data)
        var offset = 0
        var preSkip: Int?
        var lastGranule: Int64?
        while offset < bytes.count {
            guard let page = Page(bytes, at: offset) else { return nil }
            if offset == 0 {
                // The first page holds only OpusHead: magic, version, channel count, then pre-skip (LE16).
                let head = page.body
                guard head.count >= 12, Array(bytes[head.prefix(8)]) == Array("OpusHead".utf8) else { return nil }
                preSkip = Int(bytes[head.lowerBound + 10]) | Int(bytes[head.lowerBound + 11]) << 8
            }
            // -1 marks a page on which no packet ends.
            if page.granule != -1 { lastGranule = page.granule }
            offset = page.body.upperBound
        }
        guard let preSkip, let lastGranule, lastGranule >= preSkip else { return nil }
        return Int(lastGranule) - preSkip
    }

    private struct Page {
        var granule: Int64
        var body: Range<Int>

        /// The 27-byte header (`OggS`, version, flags, granule position LE64, serial, sequence, CRC,
        /// segment count), the segment table, then the body.
        init?(_ bytes: [UInt8], at start: Int) {
            guard start + 27 <= bytes.count, Array(bytes[start..<start + 4]) == Array("OggS".utf8) else { return nil }
            let segments = Int(bytes[start + 26])
            let tableEnd = start + 27 + segments
            guard tableEnd <= bytes.count else { return nil }
            let length = bytes[(start + 27)..<tableEnd].reduce(0) { $0 + Int($1) }
            guard tableEnd + length <= bytes.count else { return nil }
            granule = (0..<8).reduce(Int64(0)) { $0 | Int64(bytes[start + 6 + $1]) << (8 * $1) }
            body = tableEnd..<tableEnd + length
        }
    }
}
