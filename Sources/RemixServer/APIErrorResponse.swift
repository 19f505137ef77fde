import Foundation
import HTTPTypes
import OpenAPIRuntime
import RemixAPI
import RemixCore

/// An error answered in one of the API's envelopes: a list `detail` for 422, an object `detail`
/// for 401/404/413/429, FastAPI's plain string for unknown routes; `headers` go with it (`Retry-After`).
struct APIErrorResponse {
    let status: HTTPResponse.Status
    let body: Data
    var headers: HTTPFields = [:]

    /// The 422 list envelope.
    static func validation(_ errors: [FieldError]) -> APIErrorResponse {
        let body = Components.Schemas.HTTPValidationError(detail: errors.map(Components.Schemas.ValidationError.init))
        return APIErrorResponse(status: .unprocessableContent, body: (try? WireJSON.encode(body)) ?? Data())
    }

    /// The object envelope, with the legacy `status` (the same as `code` unless told) beside the newer `type` and `code`.
    static func detail(
        _ status: HTTPResponse.Status, type: String, code: String, legacyStatus: String? = nil, message: String,
        requestID: String
    ) -> APIErrorResponse {
        let body = Components.Schemas.ErrorResponseModel(detail: .init(
            _type: type, code: code, status: legacyStatus ?? code, message: message, requestId: requestID))
        return APIErrorResponse(status: status, body: (try? WireJSON.encode(body)) ?? Data())
    }

    /// 429 when a queue is full, as ElevenLabs answers too many concurrent requests.
    static func busy(_ full: WorkQueue.Full, requestID: String) -> APIErrorResponse {
        var response = detail(
            .tooManyRequests, type: "rate_limit_error", code: "concurrent_limit_exceeded",
            legacyStatus: "too_many_concurrent_requests",
            message: "Too many \(full.holding); try again in \(full.retryAfterSeconds) s.",
            requestID: requestID)
        response.headers[.retryAfter] = String(full.retryAfterSeconds)
        return response
    }

    static func plain(_ status: HTTPResponse.Status) -> APIErrorResponse {
        APIErrorResponse(status: status, body: Data(#"{"detail":"\#(status.reasonPhrase)"}"#.utf8))
    }

    /// Maps whatever a handler or the generated decoding threw. Bad input is always a 4xx; only a
    /// failure of the engine itself is a 500.
    static func from(_ error: any Error, requestID: String) -> APIErrorResponse {
        switch error {
        case let failure as ValidationFailure:
            return validation(failure.errors)
        case RemixError.voiceNotFound(let id):
            return detail(.notFound, type: "not_found", code: "voice_not_found",
                          message: "A voice with voice_id '\(id)' was not found.", requestID: requestID)
        case RemixError.generatedVoiceNotFound(let id):
            return detail(.notFound, type: "not_found", code: "voice_not_found",
                          message: "A generated voice with generated_voice_id '\(id)' was not found.", requestID: requestID)
        case let full as WorkQueue.Full:
            return busy(full, requestID: requestID)
        case let serverError as ServerError:
            return fromServerError(serverError, requestID: requestID)
        default:
            return detail(.internalServerError, type: "internal_error", code: "internal_error",
                          message: String(describing: error), requestID: requestID)
        }
    }

    /// The generated server wraps handler errors and its own decoding failures in `ServerError`.
    private static func fromServerError(_ error: ServerError, requestID: String) -> APIErrorResponse {
        if let decoding = error.underlyingError as? DecodingError {
            if let query = QueryParameterCheck.firstError(inPath: error.request.path) {
                return validation([query])
            }
            return validation([FieldError(decoding: decoding)])
        }
        if !(error.underlyingError is ServerError), error.httpStatus.kind == .serverError {
            return from(error.underlyingError, requestID: requestID)
        }
        // The runtime's own request errors (no body, wrong content type, a missing parameter).
        if error.httpStatus == .unsupportedMediaType {
            return validation(ValidationFailure.bodyNotJSON.errors)
        }
        if error.causeDescription.localizedCaseInsensitiveContains("request body") {
            return validation([FieldError(.body, "body", .missing, "is required (a JSON object)")])
        }
        return validation([FieldError(.query, "query", .invalidType, error.causeDescription)])
    }
}

extension FieldError {
    /// Names the field a generated decoder stumbled on, as FastAPI would put it in `loc`.
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            self.init(.body, path, .missing, "is required")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            self.init(.body, path.isEmpty ? "body" : path, .invalidType, "must be of type \(type)")
        case .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            if path.isEmpty {
                self.init(.body, "body", .invalidType, "is not valid JSON")
            } else {
                self.init(.body, path, .invalidType, "has an invalid value")
            }
        @unknown default:
            self.init(.body, "body", .invalidType, "could not be read")
        }
    }
}
