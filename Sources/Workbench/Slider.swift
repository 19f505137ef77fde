import Foundation
import TerminalUI

/// A numeric parameter with a range, a fine and a coarse step and a default. An optional slider
/// (prompt strength) can also be unset, which leaves the value to the backend.
struct Slider: Equatable, Sendable {
    let name: String
    let range: ClosedRange<Double>
    let fineStep: Double
    let coarseStep: Double
    let defaultValue: Double?
    /// Named points along the range (prompt strength's Low … Max).
    let marks: [(value: Double, label: String)]
    let decimals: Int
    var value: Double?

    static func == (lhs: Slider, rhs: Slider) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value
    }

    init(
        name: String, range: ClosedRange<Double>, fineStep: Double, coarseStep: Double, defaultValue: Double?,
        decimals: Int, marks: [(value: Double, label: String)] = []
    ) {
        self.name = name
        self.range = range
        self.fineStep = fineStep
        self.coarseStep = coarseStep
        self.defaultValue = defaultValue
        self.decimals = decimals
        self.marks = marks
        value = defaultValue
    }

    /// Moves by `steps` fine or coarse steps to the next points of the step's grid (from 3, a coarse
    /// step of 5 goes to 5, not 8), clamped to the range. An unset slider starts from the middle.
    mutating func move(by steps: Int, coarse: Bool) {
        let step = coarse ? coarseStep : fineStep
        let position = (value ?? (range.lowerBound + range.upperBound) / 2) / step
        let tolerance = 1e-9
        let grid = steps > 0 ? (position + tolerance).rounded(.down) + Double(steps) : (position - tolerance).rounded(.up) + Double(steps)
        value = min(max(grid * step, range.lowerBound), range.upperBound)
    }

    mutating func reset() {
        value = defaultValue
    }

    /// Sets a typed value; refuses one outside the range with a message that gives the range.
    mutating func set(typed text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty, defaultValue == nil {
            value = nil
            return nil
        }
        guard let number = Double(trimmed), number.isFinite else {
            return "\(name): \"\(trimmed)\" is not a number; allowed \(rangeText)"
        }
        guard range.contains(number) else {
            return "\(name) must be between \(rangeText) (got \(trimmed))"
        }
        value = number
        return nil
    }

    var rangeText: String { String(format: "%g and %g", range.lowerBound, range.upperBound) }

    func format(_ number: Double) -> String {
        String(format: "%.\(decimals)f", number)
    }

    var valueText: String { value.map(format) ?? "auto" }

    /// The nearest mark's label, for sliders that have marks.
    var markLabel: String? {
        guard let value, !marks.isEmpty else { return nil }
        return marks.min { abs($0.value - value) < abs($1.value - value) }?.label
    }

    /// The value at knob position `knob` of a bar `width` wide (the inverse of `bar(width:)`), on the fine grid.
    mutating func set(knob: Int, width: Int) {
        guard width > 1 else { return }
        let fraction = Double(min(max(knob, 0), width - 1)) / Double(width - 1)
        let exact = range.lowerBound + fraction * (range.upperBound - range.lowerBound)
        value = min(max((exact / fineStep).rounded() * fineStep, range.lowerBound), range.upperBound)
    }

    /// `━━━━○─────`: filled up to the value, a knob, the rest thin; all thin when unset.
    func bar(width: Int) -> String {
        guard width > 1 else { return "" }
        guard let value else { return String(repeating: "─", count: width) }
        let fraction = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        let knob = min(width - 1, max(0, Int((fraction * Double(width - 1)).rounded())))
        return String(repeating: "━", count: knob) + "○" + String(repeating: "─", count: width - knob - 1)
    }
}
