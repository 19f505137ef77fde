import Foundation
import RemixAPI
import RemixCore

/// Reads the three error shapes ElevenLabs answers with into one `RemixError`:
/// the current object envelope (`type`, `code`, `status`, `message`, `request_id`), the legacy
/// object (`status`, `message`), and FastAPI's 422 list (`loc`, `msg`, `type`).
enum ServiceErrorBody {
    static func error(status: Int, body: Data, requestID: String?) -> RemixError {
        let json = try? JSONSerialization.jsonObject(with: body)
        let detail = (json as? [String: Any])?["detail"]
        if let object = detail as? [String: Any] {
            let code = (object["code"] as? String).flatMap { $0 == "unauthorized" ? nil : $0 } ?? (object["status"] as? String)
            // The legacy `status` is the more specific of the two for 401s (invalid_api_key, quota_exceeded).
            let specific = (object["status"] as? String) ?? code
            return .service(
                status: status, code: specific, message: object["message"] as? String ?? "no message",
                requestID: object["request_id"] as? String ?? requestID)
        }
        if let items = detail as? [[String: Any]] {
            return .service(status: status, code: "validation_error", message: items.map(describe).joined(separator: "; "), requestID: requestID)
        }
        if let text = detail as? String {
            return .service(status: status, code: nil, message: text, requestID: requestID)
        }
        let snippet = String(decoding: body.prefix(200), as: UTF8.self)
        return .service(status: status, code: nil, message: snippet.isEmpty ? "empty response" : snippet, requestID: requestID)
    }

    static func error(status: Int, validation: Components.Schemas.HTTPValidationError, requestID: String?) -> RemixError {
        let items = (validation.detail ?? []).map { item -> [String: Any] in
            ["loc": item.loc.map { location -> Any in
                switch location {
                case .case1(let name): name
                case .case2(let index): index
                }
            }, "msg": item.msg]
        }
        return .service(status: status, code: "validation_error", message: items.map(describe).joined(separator: "; "), requestID: requestID)
    }

    static func error(status: Int, envelope: Components.Schemas.ErrorResponseModel, requestID: String?) -> RemixError {
        let detail = envelope.detail
        return .service(
            status: status, code: detail.status ?? detail.code, message: detail.message,
            requestID: detail.requestId ?? requestID)
    }

    /// "guidance_scale: must be ≤ 100", or the message alone when it already names the field.
    private static func describe(_ item: [String: Any]) -> String {
        let field = (item["loc"] as? [Any])?.last.map { "\($0)" } ?? "request"
        let message = item["msg"] as? String ?? "is invalid"
        return message.hasPrefix(field) ? message : "\(field): \(message)"
    }
}
