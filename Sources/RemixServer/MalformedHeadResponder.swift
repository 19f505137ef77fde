import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser refused, a URL and headers over the parser's limit above all,
/// in the API's envelope with a `request-id` (Hummingbird alone sends an empty 400), then ends the
/// connection: nothing after a broken head can be read as a request.
///
/// The parser reports an oversized URL and oversized headers alike, so both are 431 with a message
/// naming both; anything else it refuses is 400.
final class MalformedHeadResponder: ChannelInboundHandler, RemovableChannelHandler {
    /// Requests pass through untouched.
    typealias InboundIn = NIOAny

    /// How long the rest of a refused request is read and dropped after the answer: a client still
    /// sending when the connection closes would get a reset and could lose the answer with it.
    private static let drainTime = TimeAmount.seconds(2)

    private let headLimitBytes: Int
    private var answered = false

    init(headLimitBytes: Int) {
        self.headLimitBytes = headLimitBytes
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        // The parser reports the rest of the refused request as errors too.
        guard !answered else { return }
        answered = true
        let requestID = RequestID.make()
        let refusal =
            parserError == .headerOverflow
            ? APIErrorResponse.detail(
                .requestHeaderFieldsTooLarge, type: "invalid_request", code: "request_header_too_large",
                message: "The URL and headers together are larger than \(headLimitBytes / 1024) KiB.", requestID: requestID)
            : APIErrorResponse.detail(
                .badRequest, type: "invalid_request", code: "malformed_request",
                message: "The request is not valid HTTP/1.1 (\(parserError)).", requestID: requestID)
        // Written below the HTTP encoder, as bytes: the encoder above has seen no request to answer.
        guard let encoder = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) else {
            context.close(promise: nil)
            return
        }
        let head = "HTTP/1.1 \(refusal.status.code) \(refusal.status.reasonPhrase)\r\n"
            + "content-type: application/json\r\ncontent-length: \(refusal.body.count)\r\n"
            + "request-id: \(requestID)\r\nconnection: close\r\n\r\n"
        var bytes = context.channel.allocator.buffer(string: head)
        bytes.writeBytes(refusal.body)
        let channel = context.channel
        encoder.writeAndFlush(NIOAny(bytes)).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: Self.drainTime) { channel.close(promise: nil) }
        }
    }
}
