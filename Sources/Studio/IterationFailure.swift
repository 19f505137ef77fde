import RemixCore

/// A remix that did not complete (error, cancellation): the iteration as stored (status `.failed`,
/// with the failure text) and why. Its message is the underlying error's, so a front end shows the
/// failure itself and can still reopen the iteration.
public struct IterationFailure: UserFacingError {
    public let iteration: Iteration
    public let underlying: any Error

    public init(iteration: Iteration, underlying: any Error) {
        self.iteration = iteration
        self.underlying = underlying
    }

    public var description: String { ErrorMessage.oneLine(underlying) }
}
