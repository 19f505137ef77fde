import TerminalUI

/// What is under the mouse: a row the view drew (see `pointerZones`).
enum PointerTarget: Equatable, Sendable {
    case editor(Pane)
    /// A parameter's row, with the columns of its bar for the sliders.
    case parameter(ParameterRow, bar: Range<Int>?)
    case preview(Int)
    /// A row of the history, in its tree order.
    case history(Int)
    /// A voice the picker lists, by its place among those found.
    case voice(Int)
    /// A phrase of the palette, by its place among the phrases shown.
    case phrase(Int)
}

extension PointerTarget {
    /// A row of a list drawn over the workbench (the picker's, the palette's).
    var isInABox: Bool {
        switch self {
        case .voice, .phrase: true
        case .editor, .parameter, .preview, .history: false
        }
    }
}

struct PointerPress: Equatable, Sendable {
    var target: PointerTarget
    var time: Double
}

/// The mouse does what keys do, never more: every action stays on the keyboard.
extension WorkbenchState {
    /// Two presses on one row within this many seconds are a double click.
    static let doubleClickInterval = 0.4

    /// A press focuses the pane under it and selects the row; a double click acts as Enter there (plays
    /// a preview, reopens an iteration, picks a voice, inserts a phrase); a press on a slider's bar
    /// sets it there. The wheel moves the selection of the list under it, or steps the slider under
    /// it. With a box open, only its list takes the mouse; a press closes a read-only box.
    mutating func point(_ event: MouseEvent) -> [Effect] {
        if let kind = overlay?.kind {
            switch kind {
            case .picker, .palette: break
            case .help, .errorDetails:
                if event.kind == .press { overlay = nil }
                return []
            default: return []
            }
        }
        // Under an open list, the workbench takes no click.
        let zones = pointerZones(self).filter { overlay == nil || $0.target.isInABox }
        guard let target = zones.last(where: { $0.area.contains(x: event.x, y: event.y) })?.target else { return [] }
        switch event.kind {
        case .release:
            return []
        case .wheelUp, .wheelDown:
            return turnWheel(up: event.kind == .wheelUp, over: target)
        case .press:
            let isDouble = lastPress.map { $0.target == target && now - $0.time <= Self.doubleClickInterval } ?? false
            // A third press starts over rather than making a second double click.
            lastPress = isDouble ? nil : PointerPress(target: target, time: now)
            return press(on: target, x: event.x, double: isDouble)
        }
    }

    private mutating func press(on target: PointerTarget, x: Int, double: Bool) -> [Effect] {
        switch target {
        case .editor(let pane):
            focus = pane
        case .parameter(let row, let bar):
            focus = .parameters
            parameterRow = row
            if let bar, bar.contains(x) {
                let knob = x - bar.lowerBound
                switch row {
                case .guidance: guidance.set(knob: knob, width: bar.count)
                case .loudness: loudness.set(knob: knob, width: bar.count)
                case .promptStrength: promptStrength.set(knob: knob, width: bar.count)
                case .seed, .format: break
                }
            }
        case .preview(let index):
            focus = .previews
            previews.select(index, count: shownIteration?.previews.count ?? 0)
            if double { return open() }
        case .history(let index):
            focus = .history
            history.select(index, count: historyRows.count)
            if double { return open() }
        case .voice(let index):
            guard case .picker(var picker) = overlay else { return [] }
            picker.cursor.select(index, count: picker.found.count)
            overlay = .picker(picker)
            return double ? confirm() : nextPageIfNearTheEnd()
        case .phrase(let index):
            guard case .palette(var palette) = overlay else { return [] }
            palette.cursor.select(index, count: palette.phrases(promptFamilies).count)
            overlay = .palette(palette)
            if double { return confirm() }
        }
        return []
    }

    private mutating func turnWheel(up: Bool, over target: PointerTarget) -> [Effect] {
        switch target {
        case .preview:
            focus = .previews
            return moveSelection(up ? -1 : 1)
        case .history:
            focus = .history
            return moveSelection(up ? -1 : 1)
        case .parameter(let row, _):
            focus = .parameters
            parameterRow = row
            stepParameter(up ? 1 : -1, coarse: false)
        case .voice, .phrase:
            return moveSelection(up ? -1 : 1)
        case .editor:
            break
        }
        return []
    }
}
