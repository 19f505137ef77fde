import HTTPTypes

/// Header names of the wire contract that the generated code does not expose as constants.
extension HTTPField.Name {
    /// The API key, on every request.
    public static let xiAPIKey = HTTPField.Name("xi-api-key")!
    /// The request id, on every response.
    public static let requestID = HTTPField.Name("request-id")!
}
