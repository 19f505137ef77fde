/// The request spinner: its frame follows the clock, so it needs no state of its own.
enum Spinner {
    static let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    static let interval = 0.1

    static func frame(at seconds: Double) -> Character {
        frames[Int(max(0, seconds) / interval) % frames.count]
    }
}
