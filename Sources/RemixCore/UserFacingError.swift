/// An error whose `description` is a one-line message a person can act on, fit to show as it is
/// (the CLI's `error:` line, the workbench's status bar).
public protocol UserFacingError: Error, CustomStringConvertible {}
