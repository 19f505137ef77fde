/// A group of phrases that change one side of a voice ("age": "older", "a bit younger"), offered
/// by the prompt palette to insert into a voice description.
public struct PromptFamily: Sendable, Hashable, Codable {
    public var name: String
    public var phrases: [String]

    public init(name: String, phrases: [String]) {
        self.name = name
        self.phrases = phrases
    }

    /// Plain-language changes any remix model understands, for backends that publish no vocabulary
    /// of their own (ElevenLabs reads free text).
    public static let general: [PromptFamily] = [
        PromptFamily(name: "age", phrases: ["younger", "older", "middle-aged", "elderly", "teenage"]),
        PromptFamily(name: "gender", phrases: ["more masculine", "more feminine", "androgynous"]),
        PromptFamily(name: "pitch", phrases: ["higher", "deeper", "monotone", "more expressive"]),
        PromptFamily(name: "pace", phrases: ["faster", "slower", "a slow drawl", "clipped", "longer pauses"]),
        PromptFamily(name: "energy", phrases: ["calm", "excited", "tired", "energetic"]),
        PromptFamily(name: "emotion", phrases: ["cheerful", "sad", "angry", "warm and friendly"]),
        PromptFamily(name: "texture", phrases: ["breathy", "raspy", "gravelly", "nasal", "warm", "bright"]),
        PromptFamily(name: "accent", phrases: [
            "British accent", "Scottish accent", "Irish accent", "American accent", "Australian accent",
            "Indian accent", "Southern US accent",
        ]),
    ]
}
