import RemixCore
import Testing
@testable import RemixEngine

@Suite struct PromptInterpreterTests {
    let interpreter: PromptInterpreter

    init() throws {
        interpreter = try PromptInterpreter()
    }

    @Test func modifiersScaleTheNextTrait() {
        let reading = interpreter.read("Make it much deeper and slightly faster")
        #expect(reading.matches.map(\.phrase) == ["much deeper", "slightly faster"])
        #expect(reading.change.semitones == -6)
        #expect(abs(reading.change.tempo - 1.3.squareRoot()) < 1e-9)
        #expect(reading.unrecognized.isEmpty)
    }

    @Test func multiWordModifiersAndUnknownWords() {
        let reading = interpreter.read("a little higher, with a sparkly glow")
        #expect(reading.matches.map(\.phrase) == ["a little higher"])
        #expect(reading.change.semitones == 1.5)
        #expect(reading.unrecognized == ["sparkly", "glow"])
    }

    @Test func danglingModifierIsReported() {
        #expect(interpreter.read("make it very").unrecognized == ["very"])
    }

    /// One phrase of each family, and the direction it must move each dimension it names.
    static let families: [(prompt: String, family: String, check: @Sendable (ProfileChange) -> Bool)] = [
        ("child", "age", { $0.semitones > 3 && $0.formantRatio > 1.1 }),
        ("teenage", "age", { $0.semitones > 0 && $0.formantRatio > 1 && $0.tempo > 1 }),
        ("young", "age", { $0.semitones > 0 && $0.formantRatio > 1 }),
        ("middle-aged", "age", { $0.formantRatio < 1 }),
        ("older", "age", { $0.formantRatio < 1 && $0.tempo < 1 && $0.roughness > 0 }),
        ("elderly", "age", { $0.formantRatio < 0.95 && $0.tempo < 0.9 && $0.roughness > 0.15 }),
        ("masculine", "gender", { $0.semitones < 0 && $0.formantRatio < 1 }),
        ("feminine", "gender", { $0.semitones > 0 && $0.formantRatio > 1 }),
        ("androgynous", "gender", { $0.androgyny > 0 }),
        ("higher", "pitch", { $0.semitones > 0 }),
        ("deeper", "pitch", { $0.semitones < 0 }),
        ("monotone", "pitch", { $0.pitchRange < 0.5 }),
        ("flat", "pitch", { $0.pitchRange < 0.5 }),
        ("expressive", "pitch", { $0.pitchRange > 1.2 }),
        ("sing-song", "pitch", { $0.pitchRange > 1.5 }),
        ("faster", "pace", { $0.tempo > 1 }),
        ("slower", "pace", { $0.tempo < 1 }),
        ("drawl", "pace", { $0.tempo < 1 && $0.pauses > 1 }),
        ("clipped", "pace", { $0.tempo > 1 && $0.pauses < 1 }),
        ("longer pauses", "pace", { $0.pauses > 1.5 }),
        ("calm", "energy", { $0.tempo < 1 && $0.pitchRange < 1 }),
        ("excited", "energy", { $0.tempo > 1 && $0.pitchRange > 1 && $0.semitones > 0 }),
        ("tired", "energy", { $0.tempo < 1 && $0.pitchRange < 1 && $0.breathiness > 0 }),
        ("cheerful", "emotion", { $0.semitones > 0 && $0.pitchRange > 1 }),
        ("sad", "emotion", { $0.semitones < 0 && $0.tempo < 1 && $0.pitchRange < 1 }),
        ("angry", "emotion", { $0.roughness > 0 && $0.tiltDBPerOctave > 0 }),
        ("breathy", "texture", { $0.breathiness > 0 }),
        ("whispery", "texture", { $0.breathiness > 0.5 }),
        ("raspy", "texture", { $0.roughness > 0 }),
        ("gravelly", "texture", { $0.roughness > 0.4 }),
        ("hoarse", "texture", { $0.roughness > 0 && $0.breathiness > 0 }),
        ("nasal", "texture", { $0.nasality > 0 }),
        ("warm", "texture", { $0.bassDB > 0 && $0.tiltDBPerOctave < 0 }),
        ("bright", "texture", { $0.tiltDBPerOctave > 0 }),
        ("dark", "texture", { $0.tiltDBPerOctave < 0 }),
        ("thin", "texture", { $0.bassDB < 0 }),
        ("resonant", "texture", { $0.bassDB > 0 }),
        ("on the telephone", "colour", { $0.channel == .set(.telephone) }),
        ("sounds like an old radio", "colour", { $0.channel == .set(.radio) }),
        ("through a megaphone", "colour", { $0.channel == .set(.megaphone) }),
        ("in a small room", "colour", { $0.room == .set(.smallRoom) }),
        ("in a concert hall", "colour", { $0.room == .set(.hall) }),
        ("British accent", "accent", { $0.accent?.espeakVoice == "en-gb-x-rp" }),
        ("Scottish", "accent", { $0.accent?.espeakVoice == "en-gb-scotland" }),
        ("Irish", "accent", { $0.accent?.closest != nil }),
        ("American", "accent", { $0.accent?.espeakVoice == "en-us" }),
        ("Australian", "accent", { $0.accent?.closest != nil }),
        ("Indian", "accent", { $0.accent?.closest != nil }),
        ("Southern US", "accent", { $0.accent?.espeakVoice == "en-us" && $0.accent?.closest != nil }),
        ("French", "accent", { $0.accent?.language == "fr" }),
        ("German", "accent", { $0.accent?.language == "de" }),
        ("Spanish", "accent", { $0.accent?.language == "es" }),
        ("Italian", "accent", { $0.accent?.language == "it" }),
        ("Portuguese", "accent", { $0.accent?.language == "pt" }),
        ("Japanese", "accent", { $0.accent?.language == "ja" }),
    ]

    @Test(arguments: families)
    func everyFamilyIsUnderstood(_ entry: (prompt: String, family: String, check: @Sendable (ProfileChange) -> Bool)) {
        let reading = interpreter.read(entry.prompt)
        #expect(reading.unrecognized.isEmpty, "\(entry.prompt): \(reading.unrecognized)")
        #expect(reading.matches.map(\.family) == [entry.family], "\(entry.prompt)")
        #expect(entry.check(reading.change), "\(entry.prompt): \(reading.change.summary)")
    }

    @Test(arguments: [
        ("slightly", 0.5), ("a bit", 0.5), ("somewhat", 0.7), ("more", 1.0), ("much", 1.5), ("very", 1.5),
        ("extremely", 2.0), ("less", -0.5), ("not", -1.0), ("no longer", -1.0),
    ])
    func modifiersScaleBreathiness(modifier: String, factor: Double) {
        let plain = interpreter.read("breathy").change.breathiness
        let reading = interpreter.read("\(modifier) breathy")
        #expect(reading.matches.map(\.phrase) == ["\(modifier) breathy"])
        #expect(abs(reading.change.breathiness - factor * plain) < 1e-9, "\(modifier): \(reading.change.breathiness)")
    }

    @Test func lessAndNotTakeTextureAwayButNeverBelowNone() {
        let breathy = VoiceProfile(
            synthesizer: .flite, synthesizerVoice: "slt", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1,
            effects: VoiceEffects(breathiness: 0.6, channel: .telephone))
        let lessBreathy = breathy.applying(interpreter.read("less breathy").change)
        #expect(lessBreathy.effects.breathiness < 0.6 && lessBreathy.effects.breathiness > 0)
        #expect(breathy.applying(interpreter.read("not breathy, not breathy").change).effects.breathiness == 0)
        #expect(breathy.applying(interpreter.read("no longer on the phone").change).effects.channel == nil)
        #expect(breathy.applying(interpreter.read("not older").change).formantRatio > 1, "not older is younger")
    }

    @Test func phrasingPeopleWrite() {
        #expect(interpreter.read("make the voice older").traits == ["older"])
        let drawl = interpreter.read("a deep, gravelly voice with a slow Southern drawl")
        #expect(drawl.traits == ["deeper", "gravelly", "slower", "southern", "drawl"])
        #expect(drawl.unrecognized.isEmpty)
        #expect(drawl.change.accent?.language == "en")
        let radio = interpreter.read("sounds like an old radio")
        #expect(radio.traits == ["old radio"], "the longer phrase wins over “old”")
        #expect(radio.change.formantRatio == 1)
    }

    @Test func numericContradictionsAddUpAndAreReported() {
        let reading = interpreter.read("higher and deeper")
        #expect(reading.change.semitones == 3 - 4)
        #expect(reading.contradictions.count == 1, "\(reading.contradictions)")
        #expect(reading.contradictions.first?.hasPrefix("pitch: “higher” and “deeper” pull opposite ways") == true)
    }

    @Test func laterSelectionWinsAndIsReported() {
        let reading = interpreter.read("British and Scottish, on the phone in a hall")
        #expect(reading.change.accent?.name == "Scottish")
        #expect(reading.contradictions == ["accent: “scottish” wins over “british” (the later phrase wins)"])
        let interpretation = reading.interpretation(scale: 1)
        #expect(interpretation.notes.contains("accent: “scottish” wins over “british” (the later phrase wins)"))
        #expect(interpretation.applied.contains("on the phone: channel telephone"))
    }

    @Test func closestAccentIsSaid() {
        let notes = interpreter.read("Irish").interpretation(scale: 1).notes
        #expect(notes.count == 1)
        #expect(notes.first?.contains("espeak-ng has no Irish English") == true)
    }

    @Test func scalingToZeroDropsSelectionsAndNegativeRemovesThem() {
        let change = interpreter.read("French on the telephone").change
        #expect(change.scaled(by: 0).accent == nil && change.scaled(by: 0).channel == nil)
        #expect(change.scaled(by: 0.2).accent?.language == "fr")
        #expect(change.scaled(by: -1).channel == .remove)
    }

    @Test func androgynousMovesTowardTheMiddleFromEitherSide() {
        let change = interpreter.read("androgynous").change
        let male = VoiceProfile(synthesizer: .espeak, synthesizerVoice: "en-us", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1)
        let female = VoiceProfile(synthesizer: .flite, synthesizerVoice: "slt", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1)
        #expect(male.applying(change).pitchSemitones > 0 && male.applying(change).formantRatio > 1)
        #expect(female.applying(change).pitchSemitones < 0 && female.applying(change).formantRatio < 1)
    }

    @Test func accentKeepsTheVoicesSex() {
        let french = interpreter.read("French").change
        let slt = VoiceProfile(synthesizer: .flite, synthesizerVoice: "slt", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1)
        let spoken = slt.applying(french)
        #expect(spoken.synthesizer == .espeak && spoken.synthesizerVoice == "fr+f3" && spoken.language == "fr")
        let harriet = VoiceProfile(synthesizer: .espeak, synthesizerVoice: "en+f4", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1)
        #expect(harriet.applying(interpreter.read("Scottish").change).synthesizerVoice == "en-gb-scotland+f4")
    }

    @Test func paletteFamiliesComeFromTheLexicon() throws {
        let palette = interpreter.palette
        #expect(palette.map(\.name) == ["age", "gender", "pitch", "pace", "energy", "emotion", "texture", "colour", "accent"])
        // Every palette phrase reads back as exactly one phrase of its own family.
        for family in palette {
            #expect(!family.phrases.isEmpty, "\(family.name)")
            for phrase in family.phrases {
                let reading = interpreter.read(phrase)
                #expect(reading.matches.map(\.family) == [family.name], "\(phrase)")
                #expect(reading.unrecognized.isEmpty, "\(phrase): \(reading.unrecognized)")
            }
        }
        #expect(palette.first { $0.name == "colour" }?.phrases.contains("old radio") == true)
    }

    @Test func designBaseFollowsPresentationAndAccent() {
        let woman = interpreter.designBase(for: interpreter.read("an elderly French woman"))
        #expect(woman.profile.synthesizerVoice == "fr+f3" && woman.profile.language == "fr")
        #expect(woman.profile.pitchSemitones == 0 && woman.profile.formantRatio == 1 && woman.profile.tempo == 1)
        let man = interpreter.designBase(for: interpreter.read("a young man, Scottish"))
        #expect(man.profile.synthesizerVoice == "en-gb-scotland+m3")
        let unnamed = interpreter.designBase(for: interpreter.read("calm and warm narrator"))
        #expect(unnamed.profile.synthesizerVoice == "en-us" && unnamed.note.contains("unspecified"))
    }

    @Test func everyLexiconLanguageHasScriptsAndACatalogVoice() throws {
        let languages = Set(interpreter.palette.first { $0.name == "accent" }!.phrases.compactMap { interpreter.read($0).accent?.language })
        #expect(languages == ["en", "fr", "de", "es", "it", "pt", "ja"])
        #expect(try ScriptWriter().writtenLanguages.isSuperset(of: languages))
        let catalog = Set(try VoiceCatalog().voices.map(\.profile.language))
        #expect(catalog.isSuperset(of: languages))
    }

    /// Every accent's espeak-ng voice exists, with each variant a design or a catalog voice may add.
    /// Spoken through `Synthesizer`, whose one thread espeak-ng needs while other tests remix.
    @Test func everyAccentVoiceSpeaks() async throws {
        let accents = interpreter.palette.first { $0.name == "accent" }!.phrases.compactMap { interpreter.read($0).accent }
        #expect(accents.count >= 13)
        for accent in accents {
            for variant in ["", "+f3", "+m3", "+f1"] {
                let profile = VoiceProfile(
                    synthesizer: .espeak, synthesizerVoice: accent.espeakVoice + variant, language: accent.language,
                    pitchSemitones: 0, formantRatio: 1, tempo: 1)
                let speech = try await Synthesizer().synthesize("one two", profile: profile, seed: 1)
                #expect(speech.duration > 0.2, "\(profile.synthesizerVoice)")
            }
        }
    }
}
