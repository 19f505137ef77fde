/// One rejected input field, carrying what a person needs to fix it: which field, what is allowed,
/// what was received. The CLI prints it as one line; the server turns it into an entry of the API's
/// 422 `detail` list.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the field lives in an HTTP request, as the first element of the 422 `loc`.
    public enum Location: String, Sendable, Hashable {
        case body, query, path
    }

    /// The pydantic-style error type the API reports (`missing`, `less_than_equal`, …).
    public enum Kind: String, Sendable, Hashable {
        case missing
        case stringTooShort = "string_too_short"
        case stringTooLong = "string_too_long"
        case greaterThanEqual = "greater_than_equal"
        case lessThanEqual = "less_than_equal"
        case enumeration = "enum"
        case invalidType = "type_error"
        case unsupported = "value_error"
    }

    public let location: Location
    public let field: String
    public let kind: Kind
    /// Says what is allowed and what was received, without the field name.
    public let requirement: String

    public init(_ location: Location, _ field: String, _ kind: Kind, _ requirement: String) {
        self.location = location
        self.field = field
        self.kind = kind
        self.requirement = requirement
    }

    public var description: String { "\(field) \(requirement)" }
}

/// All the problems found in one request, in field order.
public struct ValidationFailure: UserFacingError, Sendable, Hashable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

/// Range and length checks shared by every request type, so each message is worded once.
enum Check {
    static func range(
        _ value: Double, _ bounds: ClosedRange<Double>, field: String, into errors: inout [FieldError]
    ) {
        guard !value.isNaN else {
            errors.append(FieldError(.body, field, .invalidType, "must be a number between \(format(bounds.lowerBound)) and \(format(bounds.upperBound)) (got NaN)"))
            return
        }
        if value < bounds.lowerBound {
            errors.append(FieldError(.body, field, .greaterThanEqual, "must be between \(format(bounds.lowerBound)) and \(format(bounds.upperBound)) (got \(format(value)))"))
        } else if value > bounds.upperBound {
            errors.append(FieldError(.body, field, .lessThanEqual, "must be between \(format(bounds.lowerBound)) and \(format(bounds.upperBound)) (got \(format(value)))"))
        }
    }

    static func length(
        _ text: String, _ bounds: ClosedRange<Int>, field: String, into errors: inout [FieldError]
    ) {
        let count = text.apiLength
        if count < bounds.lowerBound {
            errors.append(FieldError(.body, field, .stringTooShort, "must be \(bounds.lowerBound) to \(bounds.upperBound) characters long (got \(count))"))
        } else if count > bounds.upperBound {
            errors.append(FieldError(.body, field, .stringTooLong, "must be \(bounds.lowerBound) to \(bounds.upperBound) characters long (got \(count))"))
        }
    }

    /// Prints 2.0 as "2" and 0.25 as "0.25", as a person would write them.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension String {
    /// The length the API's limits count: Unicode code points, as JSON Schema's `minLength` and
    /// `maxLength` do, so "e" and a combining accent are two, as they are two on the wire.
    public var apiLength: Int { unicodeScalars.count }
}
