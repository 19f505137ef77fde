import Foundation
import HTTPTypes
import Hummingbird
import RemixAPI
import RemixCore

/// Wraps every request, matched or not: gives it a `request-id`, checks the API key, gives a
/// queued operation its place in the work queue before its body is read (any other body, a place
/// among the bodies being read), bounds the body, sets a core aside from rendering for requests
/// answered at once, cancels work whose client has gone, and turns anything thrown into the API's
/// error envelope, so no bad input ever reaches the client as an empty 500.
struct APIGatewayMiddleware<Context: RequestContext>: RouterMiddleware {
    let apiKey: String?
    let maxBodyBytes: Int
    let bodyDeadline: Duration
    let pathMethods: PathMethods
    let work: WorkQueue
    /// Places for the bodies of requests outside `work`; only their admission is used.
    let bodyReads: WorkQueue

    /// How long a core stays set aside after a request outside the work queue comes and after it is
    /// answered: long enough to span the gaps between the requests of a client's burst.
    static var answeringMoment: Duration { .milliseconds(50) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = RequestID.make()
        // A POST is work (a remix, a design, a keep) that is cancelled when its client hangs up.
        let watched = request.method == .post
        var bodyRead = false
        var response: Response
        let operation = pathMethods.operationPath(request.method, forPath: request.uri.path)
        let queued = operation.map(RemixAPIHandler.queuedOperations.contains) ?? false
        // A request answered at once finds a core no rendering holds, here and until just after its
        // answer, when a client's next request tends to come (see `CoreShare`).
        if !queued { CoreShare.process.setOneAside(for: Self.answeringMoment) }
        defer { if !queued { CoreShare.process.setOneAside(for: Self.answeringMoment) } }
        do {
            try authorize(request, requestID: requestID)
            response = try await admitted(request, queued: queued) {
                bodyRead = true
                let body = try await collectedBody(of: request, requestID: requestID)
                if let operation, let error = BodyEnumCheck.firstError(inBody: body, of: operation) {
                    throw ValidationFailure([error])
                }
                var request = request
                request.body = .init(buffer: body)
                guard watched else { return try await next(request, context) }
                // Hummingbird does not cancel a handler whose client has gone; this does, so the engine
                // stops rendering for nobody.
                return try await request.body.consumeWithCancellationOnInboundClose { _ in
                    try await next(request, context)
                }
            }
        } catch let error as Rejection {
            response = Self.response(error.response)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            response = Self.response(notFound(request))
        } catch {
            response = Self.response(.from(error, requestID: requestID))
        }
        response.headers[.requestID] = requestID
        // The watch reads the connection past this request, so after it the connection serves no
        // other. A POST refused before its body was read (401, 429) keeps it: Hummingbird reads the
        // body to its end and drops it, holding none of it.
        if watched && bodyRead { response.headers[.connection] = "close" }
        return response
    }

    /// Runs `handling` holding a place in the work queue when the request is for a queued operation,
    /// else a place among the bodies being read when the request has a body, so that either is
    /// refused, when full, before its body is read.
    private func admitted(
        _ request: Request, queued: Bool, _ handling: () async throws -> Response
    ) async throws -> Response {
        if queued { return try await work.admitting(handling) }
        let hasBody = Self.declaredLength(of: request).map { $0 > 0 } ?? (request.headers[.transferEncoding] != nil)
        return hasBody ? try await bodyReads.admitting(handling) : try await handling()
    }

    /// The body's `Content-Length`; nil when it declares none (a chunked body, or no body).
    private static func declaredLength(of request: Request) -> Int? {
        request.headers[.contentLength].flatMap(Int.init)
    }

    /// The request's whole body, refused as too large once it passes `maxBodyBytes` whether or not
    /// it declared a `Content-Length` (a chunked body does not).
    private func collectedBody(of request: Request, requestID: String) async throws -> ByteBuffer {
        if let length = Self.declaredLength(of: request), length > maxBodyBytes {
            throw tooLarge(requestID: requestID)
        }
        let maxBodyBytes = maxBodyBytes
        let tooLarge = tooLarge(requestID: requestID)
        // Whichever ends first: the body, or the time it has. Cancelling the read ends the connection's input.
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var body = ByteBuffer()
                for try await chunk in request.body {
                    guard body.readableBytes + chunk.readableBytes <= maxBodyBytes else { throw tooLarge }
                    body.writeImmutableBuffer(chunk)
                }
                return body
            }
            group.addTask {
                try await Task.sleep(for: bodyDeadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let body = try await group.next() ?? nil else { throw tooSlow(requestID: requestID) }
            return body
        }
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

    private func tooSlow(requestID: String) -> Rejection {
        let seconds = bodyDeadline.components.seconds
        var response = APIErrorResponse.detail(
            .requestTimeout, type: "invalid_request", code: "request_timeout",
            message: "The request body did not arrive within \(seconds) s.", requestID: requestID)
        response.headers[.connection] = "close"
        return Rejection(response: response)
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
