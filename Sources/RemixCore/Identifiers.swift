/// Ids in the shape ElevenLabs uses: 20 characters from [A-Za-z0-9].
public enum Identifier {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    /// Deterministic ids for deterministic output (same seed ⇒ same ids).
    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
