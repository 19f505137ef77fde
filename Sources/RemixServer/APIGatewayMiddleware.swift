import Foundation
import HTTPTypes
import Hummingbird
import RemixAPI
import RemixCore

/// Wraps every request, matched or not: gives it a `request-id`, checks the API key, bounds the
/// body, and turns anything thrown into the API's error envelope, so no bad input ever reaches
/// the client as an empty 500.
struct APIGatewayMiddleware<Context: RequestContext>: RouterMiddleware {
    let apiKey: String?
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = Self.makeRequestID()
        var response: Response
        do {
            try authorize(request, requestID: requestID)
            var request = request
            if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
                throw tooLarge(requestID: requestID)
            }
            do {
                _ = try await request.collectBody(upTo: maxBodyBytes)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                throw tooLarge(requestID: requestID)
            }
            response = try await next(request, context)
        } catch let error as Rejection {
            response = Self.response(error.response, extraHeaders: error.headers)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            response = Self.response(.plain(error.status))
        } catch {
            response = Self.response(.from(error, requestID: requestID))
        }
        response.headers[.requestID] = requestID
        return response
    }

    /// A request refused before it reached an operation.
    private struct Rejection: Error {
        let response: APIErrorResponse
        var headers: HTTPFields = [:]
    }

    private func authorize(_ request: Request, requestID: String) throws {
        guard let apiKey else { return }
        let given = request.headers[.xiAPIKey] ?? request.headers[.authorization].map { $0.replacingOccurrences(of: "Bearer ", with: "") }
        guard let given else {
            throw Rejection(response: .detail(
                .unauthorized, type: "authentication_error", code: "needs_authorization",
                message: "Neither authorization header nor xi-api-key received, please provide one.", requestID: requestID))
        }
        // Compared without an early exit so the time taken says nothing about the key.
        var difference: UInt8 = 0
        for (a, b) in zip(given.utf8, apiKey.utf8) { difference |= a ^ b }
        guard given.utf8.count == apiKey.utf8.count, difference == 0 else {
            throw Rejection(response: .detail(
                .unauthorized, type: "authentication_error", code: "invalid_api_key",
                message: "Invalid API key", requestID: requestID))
        }
    }

    private func tooLarge(requestID: String) -> Rejection {
        Rejection(response: .detail(
            .contentTooLarge, type: "invalid_request", code: "request_too_large",
            message: "The request body is larger than \(maxBodyBytes) bytes.", requestID: requestID))
    }

    private static func response(_ error: APIErrorResponse, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = "application/json"
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: error.body)))
    }

    /// 32 hex digits, the shape of ElevenLabs' request ids.
    static func makeRequestID() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
