@preconcurrency import CEspeakNG
@preconcurrency import CFlite
@preconcurrency import CRubberBand
import Foundation
import RemixCore

/// A C library the engine opens with dlopen when it first needs it, instead of linking it.
///
/// espeak-ng, flite and Rubber Band bring ALSA, libstdc++'s relocations and more libraries with
/// them. Linked, they cost every start of `remix` about a millisecond before `main`, spent by
/// `remix play`, `voices`, `sessions` and every remote backend, which never synthesise. Opened late,
/// only the first synthesis in a process pays it (and each espeak-ng utterance, see `EspeakNG`). (LAME and libebur128 stay linked: the sound
/// server's own libraries load LAME anyway, and libebur128 is a few kilobytes.) The function types come from the C headers
/// (`<name>_function` in each shim), so a lookup cannot disagree with the declaration.
struct LateBoundLibrary: @unchecked Sendable {
    // @unchecked: the handle is only read after init; dlsym is thread-safe.
    private let handle: UnsafeMutableRawPointer
    let soname: String

    init(_ soname: String) throws(RemixError) {
        guard let handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
            throw .engineFailure("cannot load \(soname): \(String(cString: dlerror()))")
        }
        self.handle = handle
        self.soname = soname
    }

    func function<Function>(_ name: String, as _: Function.Type = Function.self) throws(RemixError) -> Function {
        guard let symbol = dlsym(handle, name) else {
            throw .engineFailure("\(soname) has no function \(name)")
        }
        return unsafeBitCast(symbol, to: Function.self)
    }

    /// Gives the handle back; with no other handle open, the library is unmapped and its static state
    /// goes with it. Nothing looked up from it may be called afterwards.
    func close() {
        dlclose(handle)
    }
}

/// Rubber Band's C interface, looked up once per process.
struct RubberBand: @unchecked Sendable {
    static let functions = Result { () throws(RemixError) in try RubberBand(LateBoundLibrary("librubberband.so.2")) }

    let rubberband_new: rubberband_new_function
    let rubberband_delete: rubberband_delete_function
    let rubberband_set_expected_input_duration: rubberband_set_expected_input_duration_function
    let rubberband_study: rubberband_study_function
    let rubberband_process: rubberband_process_function
    let rubberband_available: rubberband_available_function
    let rubberband_retrieve: rubberband_retrieve_function

    private init(_ library: LateBoundLibrary) throws(RemixError) {
        rubberband_new = try library.function("rubberband_new")
        rubberband_delete = try library.function("rubberband_delete")
        rubberband_set_expected_input_duration = try library.function("rubberband_set_expected_input_duration")
        rubberband_study = try library.function("rubberband_study")
        rubberband_process = try library.function("rubberband_process")
        rubberband_available = try library.function("rubberband_available")
        rubberband_retrieve = try library.function("rubberband_retrieve")
    }
}

/// flite's core; its voices are libraries of their own, opened by `FliteSynthesizer`.
struct Flite: @unchecked Sendable {
    static let functions = Result { () throws(RemixError) in try Flite(LateBoundLibrary("libflite.so.1")) }

    let flite_init: flite_init_function
    let flite_text_to_wave: flite_text_to_wave_function
    let delete_wave: delete_wave_function
    // Voice features, read and set to scale a voice's intonation range.
    let flite_get_param_float: flite_get_param_float_function
    let flite_feat_set_float: flite_feat_set_float_function
    let feat_present: feat_present_function
    let feat_val: feat_val_function
    let val_cg_db: val_cg_db_function

    private init(_ library: LateBoundLibrary) throws(RemixError) {
        flite_init = try library.function("flite_init")
        flite_text_to_wave = try library.function("flite_text_to_wave")
        delete_wave = try library.function("delete_wave")
        flite_get_param_float = try library.function("flite_get_param_float")
        flite_feat_set_float = try library.function("flite_feat_set_float")
        feat_present = try library.function("feat_present")
        feat_val = try library.function("feat_val")
        val_cg_db = try library.function("val_cg_db")
    }
}

/// espeak-ng's synthesis interface: one loaded copy of the library, until `unload()`.
///
/// Unlike the other tables it is not kept for the process: `EspeakSynthesizer` loads a fresh copy for
/// every utterance, because only unloading resets the state espeak-ng keeps in static variables.
struct EspeakNG {
    private let library: LateBoundLibrary
    let espeak_Initialize: espeak_Initialize_function
    let espeak_SetSynthCallback: espeak_SetSynthCallback_function
    let espeak_SetVoiceByName: espeak_SetVoiceByName_function
    let espeak_SetParameter: espeak_SetParameter_function
    let espeak_Synth: espeak_Synth_function
    let espeak_Terminate: espeak_Terminate_function

    init() throws(RemixError) {
        let library = try LateBoundLibrary("libespeak-ng.so.1")
        do throws(RemixError) {
            espeak_Initialize = try library.function("espeak_Initialize")
            espeak_SetSynthCallback = try library.function("espeak_SetSynthCallback")
            espeak_SetVoiceByName = try library.function("espeak_SetVoiceByName")
            espeak_SetParameter = try library.function("espeak_SetParameter")
            espeak_Synth = try library.function("espeak_Synth")
            espeak_Terminate = try library.function("espeak_Terminate")
        } catch {
            library.close()
            throw error
        }
        self.library = library
    }

    func unload() {
        library.close()
    }
}
