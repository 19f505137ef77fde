/// How a cell looks. Colours are a hint: on a monochrome terminal or with `NO_COLOR` only the
/// attributes are drawn, so every highlight that matters must also be an attribute (reverse, bold).
public struct Style: Hashable, Sendable {
    public enum Color: Int, Hashable, Sendable, CaseIterable {
        case black, red, green, yellow, blue, magenta, cyan, white
    }

    public var foreground: Color?
    public var background: Color?
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init(
        foreground: Color? = nil, background: Color? = nil, bold: Bool = false, dim: Bool = false,
        underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    public static let underline = Style(underline: true)

    public func with(foreground: Color) -> Style {
        var style = self
        style.foreground = foreground
        return style
    }

    /// One letter per cell for snapshot tests: reverse, else the colour, else the attribute.
    public var letter: Character {
        if reverse { return "R" }
        switch foreground {
        case .red: return "r"
        case .green: return "g"
        case .yellow: return "y"
        case .blue: return "b"
        case .magenta: return "m"
        case .cyan: return "c"
        case .white, .black, nil: break
        }
        if bold { return "B" }
        if underline { return "U" }
        if dim { return "d" }
        return "."
    }
}
