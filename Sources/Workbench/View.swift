import Foundation
import RemixCore
import TerminalUI

/// Draws the whole workbench for a state. Pure: the same state always gives the same canvas.
func view(_ state: WorkbenchState) -> Canvas {
    var canvas = Canvas(width: state.width, height: state.height)
    if state.isTooSmall {
        drawTooSmall(state, into: &canvas)
        return canvas
    }
    let layout = Layout(state: state)
    var painter = Painter(state: state, layout: layout, canvas: canvas)
    painter.drawWorkbench()
    painter.drawOverlay()
    return painter.canvas
}

/// What the view drew where, for the mouse: drawn by the same painter, so a click lands on what is shown.
func pointerZones(_ state: WorkbenchState) -> [Painter.Zone] {
    guard !state.isTooSmall else { return [] }
    var painter = Painter(state: state, layout: Layout(state: state), canvas: Canvas(width: state.width, height: state.height))
    painter.drawWorkbench()
    painter.drawOverlay()
    return painter.zones
}

private func drawTooSmall(_ state: WorkbenchState, into canvas: inout Canvas) {
    let lines = [
        "remix needs at least \(WorkbenchState.minimumWidth) × \(WorkbenchState.minimumHeight)",
        "(this terminal is \(state.width) × \(state.height))",
    ]
    let top = max(0, state.height / 2 - 1)
    for (offset, line) in lines.enumerated() {
        canvas.put(line, x: max(0, (state.width - TextWidth.of(line)) / 2), y: top + offset, style: offset == 0 ? .bold : .plain)
    }
}

/// The drawing of one frame: the canvas and where things go.
struct Painter {
    let state: WorkbenchState
    let layout: Layout
    var canvas: Canvas
    /// Where the rows a click can land on were drawn.
    var zones: [Zone] = []

    struct Zone {
        var area: Area
        var target: PointerTarget
    }

    init(state: WorkbenchState, layout: Layout, canvas: Canvas) {
        self.state = state
        self.layout = layout
        self.canvas = canvas
    }

    static let accent = Style(foreground: .cyan)
    static let error = Style(foreground: .red, bold: true)
    static let good = Style(foreground: .green)
    /// Words of the prompt the backend will ignore: underlined, so it shows without colour too.
    static let ignored = Style(foreground: .yellow, underline: true)

    mutating func drawWorkbench() {
        if layout.twoColumns {
            box(layout.left, y: 0, sections: inputSections, closeAt: layout.boxHeight)
            box(layout.right, y: 0, sections: resultSections(), closeAt: layout.boxHeight)
        } else {
            box(layout.left, y: 0, sections: inputSections + resultSections(), closeAt: layout.boxHeight)
        }
        drawStatusLine(y: layout.boxHeight)
        drawHintLine(y: layout.boxHeight + 1)
    }

    private var inputSections: [Section] {
        [
            .init(title: voiceTitle, rows: layout.promptRows + layout.textRows, draw: { $0.drawInputs(at: $1) }),
            .init(title: "Parameters", focused: state.focus == .parameters, rows: ParameterRow.allCases.count, draw: { $0.drawParameters(at: $1) }),
        ]
    }

    private var voiceTitle: String {
        guard let voice = state.voice else { return "Voice ─ (none: v picks one)" }
        let labels = ["accent", "gender", "age"].compactMap { voice.labels[$0] }
        return "Voice ─ " + ([voice.name] + labels).joined(separator: " · ")
    }

    private func resultSections() -> [Section] {
        let previewRows = max(3, state.shownIteration?.previews.count ?? 0) * (layout.twoColumns ? 2 : 1)
        var sections: [Section] = [
            .init(title: previewsTitle, focused: state.focus == .previews, rows: previewRows, draw: { $0.drawPreviews(at: $1) })
        ]
        if state.backendExplains {
            sections.append(.init(title: "Applied", rows: 1, draw: { $0.drawApplied(at: $1) }))
        }
        // History takes what is left.
        sections.append(.init(title: "History", focused: state.focus == .history, rows: -1, draw: { $0.drawHistory(at: $1) }))
        return sections
    }

    private var previewsTitle: String {
        guard let index = state.openIteration else { return "Previews" }
        return "Previews · iteration \(index + 1) of \(state.iterations.count)"
    }

    // MARK: Boxes

    struct Section {
        var title: String
        var focused = false
        /// Content rows; -1 takes the rest of the box.
        var rows: Int
        var draw: ((inout Painter, Area) -> Void)?

        init(title: String, focused: Bool = false, rows: Int, draw: ((inout Painter, Area) -> Void)? = nil) {
            self.title = title
            self.focused = focused
            self.rows = rows
            self.draw = draw
        }
    }

    struct Area {
        var x: Int
        var y: Int
        var width: Int
        var height: Int

        func contains(x: Int, y: Int) -> Bool {
            (self.x..<(self.x + width)).contains(x) && (self.y..<(self.y + height)).contains(y)
        }
    }

    /// Draws sections stacked in one box: a titled rule before each, side borders, a bottom rule at
    /// `closeAt - 1`.
    private mutating func box(_ column: Layout.Column, y top: Int, sections: [Section], closeAt bottom: Int) {
        let fixed = sections.reduce(0) { $0 + max(0, $1.rows) + 1 }
        let flexible = max(0, bottom - top - 1 - fixed)
        var y = top
        for (index, section) in sections.enumerated() {
            let rows = section.rows < 0 ? flexible : section.rows
            rule(column, y: y, left: index == 0 ? "┌" : "├", right: index == 0 ? "┐" : "┤", title: section.title, focused: section.focused)
            for row in 0..<rows {
                canvas.put("│", x: column.x, y: y + 1 + row)
                canvas.put("│", x: column.x + column.width - 1, y: y + 1 + row)
            }
            if let draw = section.draw, rows > 0 {
                draw(&self, Area(x: column.contentX, y: y + 1, width: column.contentWidth, height: rows))
            }
            y += rows + 1
        }
        rule(column, y: bottom - 1, left: "└", right: "┘", title: "", focused: false)
    }

    private mutating func rule(_ column: Layout.Column, y: Int, left: String, right: String, title: String, focused: Bool) {
        canvas.put(left + String(repeating: "─", count: max(0, column.width - 2)) + right, x: column.x, y: y)
        guard !title.isEmpty else { return }
        let text = " " + TextWidth.truncated(title, to: column.width - 6) + " "
        canvas.put(text, x: column.x + 1, y: y, style: focused ? .reverse : .bold)
    }

    // MARK: Inputs

    mutating func drawInputs(at area: Area) {
        let editorX = area.x + Layout.labelWidth
        let editorWidth = layout.editorWidth
        let counterX = area.x + area.width - Layout.counterWidth + 1
        zones.append(Zone(area: Area(x: area.x, y: area.y, width: area.width, height: layout.promptRows), target: .editor(.prompt)))
        zones.append(Zone(area: Area(x: area.x, y: area.y + layout.promptRows, width: area.width, height: layout.textRows), target: .editor(.text)))
        // Prompt
        canvas.put("Prompt", x: area.x, y: area.y, style: state.focus == .prompt ? .reverse : .bold)
        state.prompt.draw(
            into: &canvas, x: editorX, y: area.y, width: editorWidth, height: layout.promptRows,
            focused: state.focus == .prompt && state.overlay == nil, placeholder: "describe the change: older, deeper, a slow drawl…",
            marked: state.promptHelp.ignoredWordRanges(in: state.prompt.characters), markStyle: Self.ignored)
        counter(state.prompt, x: counterX, y: area.y)
        // Text
        let textY = area.y + layout.promptRows
        canvas.put("Text", x: area.x, y: textY, style: state.focus == .text ? .reverse : .bold)
        if state.autoText {
            let line = "◉ auto  ○ own   the backend writes a script for the prompt (^T: your own)"
            canvas.put(line, x: editorX, y: textY, limit: editorWidth)
        } else {
            state.text.draw(
                into: &canvas, x: editorX, y: textY, width: editorWidth, height: layout.textRows,
                focused: state.focus == .text && state.overlay == nil, placeholder: "the script to speak, 100–1000 characters (^T: auto)")
            counter(state.text, x: counterX, y: textY)
        }
    }

    private mutating func counter(_ editor: TextEditor, x: Int, y: Int) {
        let text = "\(editor.count)/\(editor.limit.upperBound)"
        canvas.put(TextWidth.padded(String(repeating: " ", count: max(0, 9 - text.count)) + text, to: 9), x: x, y: y,
                   style: editor.isWithinLimit ? .dim : Self.error)
    }

    // MARK: Parameters

    mutating func drawParameters(at area: Area) {
        let nameWidth = 17, valueWidth = 6
        let noteWidth = min(20, max(0, area.width - nameWidth - valueWidth - 12))
        let barWidth = area.width - nameWidth - valueWidth - noteWidth - 2
        for row in ParameterRow.allCases {
            let y = area.y + row.rawValue
            let selected = state.focus == .parameters && state.parameterRow == row
            canvas.put(row.label, x: area.x, y: y, style: selected ? .reverse : .plain)
            var x = area.x + nameWidth
            let note: String
            let isSlider = row == .guidance || row == .loudness || row == .promptStrength
            zones.append(Zone(area: Area(x: area.x, y: y, width: area.width, height: 1),
                              target: .parameter(row, bar: isSlider ? x..<(x + barWidth) : nil)))
            switch row {
            case .guidance, .loudness, .promptStrength:
                let slider = row == .guidance ? state.guidance : row == .loudness ? state.loudness : state.promptStrength
                canvas.put(slider.bar(width: barWidth), x: x, y: y, style: selected ? Self.accent : .dim)
                x += barWidth + 2
                canvas.put(slider.valueText, x: x, y: y, style: selected ? .bold : .plain)
                note = row == .promptStrength ? slider.markLabel ?? "backend default" : ""
            case .seed:
                canvas.put(state.seedLocked ? String(state.seed) : "rolled per remix", x: x, y: y, style: selected ? .bold : .plain)
                note = state.seedLocked ? "locked, x rolls" : "x locks"
            case .format:
                canvas.put(state.format.rawValue, x: x, y: y, style: selected ? .bold : .plain)
                note = "←/→ or Enter"
            }
            canvas.put(note, x: area.x + area.width - noteWidth, y: y, style: .dim, limit: noteWidth)
        }
    }

    // MARK: Results

    mutating func drawPreviews(at area: Area) {
        guard let iteration = state.shownIteration else {
            let line = state.request == nil ? "no previews yet: write a prompt and press Ctrl+R" : "remixing…"
            canvas.put(line, x: area.x, y: area.y, style: .dim, limit: area.width)
            return
        }
        if iteration.status != .done {
            let line = iteration.status == .pending
                ? "waiting for the backend's answer"
                : "\(iteration.status.rawValue): \(iteration.failure ?? "no reason recorded")"
            canvas.put(line, x: area.x, y: area.y, style: Self.error, limit: area.width)
            return
        }
        // With room (two columns) each take has a second row for its shape; in one column the shape
        // follows on the take's row, as far as it fits.
        let rowsPerTake = layout.twoColumns ? 2 : 1
        for (index, preview) in iteration.previews.enumerated() where index * rowsPerTake < area.height {
            let y = area.y + index * rowsPerTake
            let playing = state.playback?.generatedVoiceID == preview.generatedVoiceID ? state.playback : nil
            let selected = state.previews.selected == index
            let marker = playing.map { $0.paused ? "⏸" : "▶" } ?? (selected ? "›" : " ")
            let heard = state.played.contains(preview.generatedVoiceID) ? "●" : " "
            let rating = preview.rating == 0 ? "  " : String(format: "%+d", preview.rating)
            var line = "\(marker) \(index + 1)  \(String(format: "%5.1f s", preview.durationSecs))  \(TextWidth.padded(preview.language ?? "–", to: 3)) \(preview.generatedVoiceID)  \(heard) \(rating)"
            if let playing {
                line += "  \(clock(playing.position)) / \(clock(playing.duration))  \(meter(playing.level))"
            }
            if let note = preview.note { line += "  " + note }
            var shapeX = area.x + 6
            if rowsPerTake == 1, let shape = preview.shape {
                line += "  "
                shapeX = area.x + TextWidth.of(line)
                line += shape.sparkline
            }
            canvas.put(line, x: area.x, y: y, style: selected && state.focus == .previews ? .reverse : .plain, limit: area.width)
            if let shape = preview.shape {
                drawShape(shape, x: shapeX, y: y + rowsPerTake - 1, limit: area.x + area.width - shapeX, head: playing, full: rowsPerTake == 2)
            }
            zones.append(Zone(area: Area(x: area.x, y: y, width: area.width, height: rowsPerTake), target: .preview(index)))
        }
    }

    /// A take's loudness envelope, the play head on it while it plays, and with `full` its loudness and peak.
    private mutating func drawShape(_ shape: TakeShape, x: Int, y: Int, limit: Int, head: PlaybackState?, full: Bool) {
        guard limit > 0 else { return }
        if full {
            let lufs = shape.integratedLUFS.map { String(format: "%.1f LUFS", $0) } ?? "– LUFS"
            let peak = shape.peakDBFS.map { String(format: "peak %.1f dBFS", $0) } ?? "silent"
            canvas.put("\(shape.sparkline)  \(lufs)  \(peak)", x: x, y: y, style: .plain, limit: limit)
        } else {
            canvas.put(shape.sparkline, x: x, y: y, style: .plain, limit: limit)
        }
        canvas.restyle(x: x, y: y, count: min(shape.envelope.count, limit), style: Self.accent)
        if let head, head.duration > 0, !shape.envelope.isEmpty {
            let slice = min(shape.envelope.count - 1, Int(head.position / head.duration * Double(shape.envelope.count)))
            if slice < limit { canvas.restyle(x: x + slice, y: y, count: 1, style: .reverse) }
        }
    }

    /// What the shown iteration applied; once the prompt is edited away from it, what the next remix
    /// will apply, as the backend explains it while typing.
    mutating func drawApplied(at area: Area) {
        let help = state.promptHelp
        if let next = help.explanation, help.explainedText == state.prompt.text,
            state.prompt.text != state.shownIteration?.request.voiceDescription {
            // The phrases only (their numbers are the remix's to report): on one line the ignored words still fit.
            let phrases = next.applied.map { $0.split(separator: ":", maxSplits: 1).first.map(String.init) ?? $0 }
            var x = canvas.put("next: ", x: area.x, y: area.y, style: .dim, limit: area.width)
            x = canvas.put(phrases.isEmpty ? "no change recognised" : phrases.joined(separator: ", "), x: x, y: area.y, limit: area.x + area.width - x)
            if !next.unrecognized.isEmpty {
                x = canvas.put("  ignored: ", x: x, y: area.y, style: .dim, limit: area.x + area.width - x)
                canvas.put(next.unrecognized.joined(separator: ", "), x: x, y: area.y, style: Self.ignored, limit: area.x + area.width - x)
            }
            return
        }
        let text = state.shownIteration?.interpretation ?? (state.shownIteration == nil ? "" : "—")
        canvas.put(text, x: area.x, y: area.y, limit: area.width)
    }

    mutating func drawHistory(at area: Area) {
        guard !state.iterations.isEmpty else {
            canvas.put("each remix of this session is listed here; Enter reopens one", x: area.x, y: area.y, style: .dim, limit: area.width)
            return
        }
        let rows = state.historyRows
        let first = state.history.firstVisible(visible: area.height, count: rows.count)
        for (offset, row) in rows.enumerated().dropFirst(first).prefix(area.height) {
            let iteration = state.iterations[row.index]
            let parent = iteration.parentLocalID.flatMap { id in state.iterations.first { $0.localID == id } }
            let marker = row.index == state.openIteration ? "›" : " "
            let time = Self.timeFormatter.string(from: iteration.createdAt)
            let outcome = switch iteration.status {
            case .done: ""
            case .failed, .interrupted: "✗ "
            case .pending: "… "
            }
            let parameters = Self.parameters(of: iteration.request, against: parent?.request)
            let lead = "\(marker) \(String(format: "%2d", row.index + 1))  \(time)  \(row.prefix)"
            let promptWidth = max(10, area.width - TextWidth.of(lead) - TextWidth.of(parameters) - 2)
            let prompt = TextWidth.padded(outcome + iteration.request.voiceDescription.replacingOccurrences(of: "\n", with: " "), to: promptWidth)
            let selected = state.focus == .history && state.history.selected == offset
            let y = area.y + offset - first
            canvas.put("\(lead)\(prompt)  \(parameters)", x: area.x, y: y,
                       style: selected ? .reverse : (iteration.status == .done ? .plain : Self.error), limit: area.width)
            zones.append(Zone(area: Area(x: area.x, y: y, width: area.width, height: 1), target: .history(offset)))
        }
    }

    /// The parameters of a request; of a branch, only what it changed from the iteration it came from.
    static func parameters(of request: RemixRequest, against parent: RemixRequest?) -> String {
        let strength = request.promptStrength.map { String(format: "%.2f", $0) } ?? "–"
        let all = [
            ("g", String(format: "%.1f", request.guidanceScale), parent.map { $0.guidanceScale == request.guidanceScale }),
            ("l", String(format: "%.2f", request.loudness), parent.map { $0.loudness == request.loudness }),
            ("p", strength, parent.map { $0.promptStrength == request.promptStrength }),
        ]
        var shown = all.filter { $0.2 != true }.map { "\($0.0) \($0.1)" }
        if let parent {
            if parent.voiceID != request.voiceID { shown.append("voice") }
            if parent.seed != request.seed { shown.append("seed") }
            if shown.isEmpty { return "same parameters" }
        }
        return shown.joined(separator: " ")
    }

    static let timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm"
        return formatter
    }()

    // MARK: Status and hints

    private mutating func drawStatusLine(y: Int) {
        let wide = state.width >= 120
        func id(_ value: String?) -> String {
            guard let value else { return "–" }
            return wide ? value : String(value.prefix(8)) + "…"
        }
        var parts = [state.backendLabel, "session \(id(state.sessionID))"]
        if let iteration = state.shownIteration { parts.append("iter \(id(iteration.id))") }
        parts.append("billable: " + (state.billableCharacters.map { "\($0) ch" } ?? "auto"))
        var x = canvas.put(" " + parts.joined(separator: " · ") + "  ", x: 0, y: y, style: .dim)
        if let request = state.request {
            let elapsed = max(0, state.now - request.startedAt)
            let text = "\(Spinner.frame(at: elapsed)) \(request.phase) \(String(format: "%.1f s", elapsed)) (\(request.previewsDone)/\(request.previewCount))"
            x = canvas.put(text + "  ", x: x, y: y, style: Self.accent)
        }
        if let status = state.status {
            canvas.put(status.text + (status.isError && state.errorDetails.count > 1 ? "  (! details)" : ""), x: x, y: y, style: status.isError ? Self.error : .plain)
        }
    }

    private mutating func drawHintLine(y: Int) {
        var x = 1
        for hint in Keymap.hints(in: Keymap.activeContexts(focus: state.focus, overlay: state.overlay?.kind)) {
            let width = TextWidth.of(hint.keys) + TextWidth.of(hint.word) + 3
            guard x + width <= state.width else { break }
            x = canvas.put(hint.keys, x: x, y: y, style: .bold)
            x = canvas.put(" " + hint.word + "  ", x: x, y: y)
        }
    }
}

func clock(_ seconds: Double) -> String {
    let whole = max(0, Int(seconds))
    return String(format: "%02d:%02d", whole / 60, whole % 60)
}

/// `▮▮▮▮▯▯▯▯`: the peak level of what is heard now.
func meter(_ level: Float, width: Int = 8) -> String {
    let filled = min(width, max(0, Int((level * Float(width)).rounded())))
    return String(repeating: "▮", count: filled) + String(repeating: "▯", count: width - filled)
}
