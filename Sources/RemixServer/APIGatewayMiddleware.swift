import Foundation
import HTTPTypes
import Hummingbird
import RemixAPI
import RemixCore

/// Wraps every request, matched or not: gives it a `request-id`, checks the API key, bounds the
/// body, cancels work whose client has gone, and turns anything thrown into the API's error
/// envelope, so no bad input ever reaches the client as an empty 500.
struct APIGatewayMiddleware<Context: RequestContext>: RouterMiddleware {
    let apiKey: String?
    let maxBodyBytes: Int
    let pathMethods: PathMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = RequestID.make()
        // A POST is work (a remix, a design, a keep) that is cancelled when its client hangs up.
        let watched = request.method == .post
        var response: Response
        do {
            try authorize(request, requestID: requestID)
            let request = try await collectingBody(of: request, requestID: requestID)
            if watched {
                // Hummingbird does not cancel a handler whose client has gone; this does, so the engine
                // stops rendering for nobody. The watch reads the connection past this request, so the
                // connection serves no other (the response says `Connection: close`).
                response = try await request.body.consumeWithCancellationOnInboundClose { _ in
                    try await next(request, context)
                }
            } else {
                response = try await next(request, context)
            }
        } catch let error as Rejection {
            response = Self.response(error.response)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            response = Self.response(notFound(request))
        } catch {
            response = Self.response(.from(error, requestID: requestID))
        }
        response.headers[.requestID] = requestID
        if watched { response.headers[.connection] = "close" }
        return response
    }

    /// The request with its whole body read, refused as too large once it passes `maxBodyBytes`
    /// whether or not it declared a `Content-Length` (a chunked body does not).
    private func collectingBody(of request: Request, requestID: String) async throws -> Request {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw tooLarge(requestID: requestID)
        }
        var body = ByteBuffer()
        for try await chunk in request.body {
            guard body.readableBytes + chunk.readableBytes <= maxBodyBytes else { throw tooLarge(requestID: requestID) }
            body.writeImmutableBuffer(chunk)
        }
        var request = request
        request.body = .init(buffer: body)
        return request
    }

    /// A request refused before it reached an operation.
    private struct Rejection: Error {
        let response: APIErrorResponse
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

    /// FastAPI's answers to a path the API does not have, or a method its path does not have.
    private func notFound(_ request: Request) -> APIErrorResponse {
        let allowed = pathMethods.methods(forPath: request.uri.path)
        guard !allowed.isEmpty else { return .plain(.notFound) }
        var response = APIErrorResponse.plain(.methodNotAllowed)
        response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return response
    }

    private func tooLarge(requestID: String) -> Rejection {
        Rejection(response: .detail(
            .contentTooLarge, type: "invalid_request", code: "request_too_large",
            message: "The request body is larger than \(maxBodyBytes) bytes.", requestID: requestID))
    }

    private static func response(_ error: APIErrorResponse) -> Response {
        var headers = error.headers
        headers[.contentType] = "application/json"
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: error.body)))
    }
}
