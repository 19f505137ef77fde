import Foundation
import RemixCore
import Testing

@Suite struct ErrorMessageTests {
    /// Not a `UserFacingError`, and its description spans lines, as a decoding error's does.
    struct Unforeseen: Error, CustomStringConvertible {
        var description: String { "line one\nline two" }
    }

    @Test func ourErrorsSayTheirOwnDescription() {
        let failure = ValidationFailure([FieldError(.body, "seed", .greaterThanEqual, "must be at least 0 (got -1)")])
        #expect(ErrorMessage.oneLine(failure) == "seed must be at least 0 (got -1)")
        #expect(ErrorMessage.oneLine(RemixError.voiceNotFound("v1")) == RemixError.voiceNotFound("v1").description)
    }

    @Test func cancellationIsCancelled() {
        #expect(ErrorMessage.oneLine(CancellationError()) == "cancelled")
    }

    @Test func foundationErrorsSayTheirLocalizedDescription() {
        let error = URLError(.timedOut)
        #expect(ErrorMessage.oneLine(error) == error.localizedDescription)
    }

    @Test func anyOtherErrorIsNamedAsUnexpectedWithWhatItSaid() {
        let message = ErrorMessage.oneLine(Unforeseen())
        #expect(message == "unexpected failure: line one line two")
    }
}
