import CRubberBand
import RemixCore
@testable import RemixEngine
import Testing

/// The synthesis libraries are opened on first use; a missing library or function is an engine
/// failure that names it, never a crash.
@Suite struct LateBoundLibraryTests {
    @Test func missingLibraryIsNamed() {
        let error = #expect(throws: RemixError.self) { try LateBoundLibrary("libremix-absent.so.9") }
        #expect(error?.description.contains("cannot load libremix-absent.so.9") == true, "\(String(describing: error))")
    }

    @Test func missingFunctionIsNamed() throws {
        let library = try LateBoundLibrary("librubberband.so.2")
        let error = #expect(throws: RemixError.self) {
            _ = try library.function("rubberband_absent", as: rubberband_new_function.self)
        }
        #expect(error?.description.contains("librubberband.so.2 has no function rubberband_absent") == true)
    }

    @Test func everyTableLoads() throws {
        _ = try RubberBand.functions.get()
        _ = try Flite.functions.get()
        try EspeakNG().unload()
    }
}
