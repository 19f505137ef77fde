import RemixCore
import TerminalUI

/// The boxes drawn over the workbench: help, error details, the voice picker and the dialogs.
extension Painter {
    mutating func drawOverlay() {
        switch state.overlay {
        case nil: return
        case .help: drawHelp()
        case .errorDetails:
            drawDialog(title: "Last error", lines: state.errorDetails.map { ($0, Style.plain) } + [("", .plain), ("any key closes", .dim)])
        case .confirmQuit:
            drawDialog(title: "Quit?", lines: [
                ("A remix is running. Quit and cancel it?", .plain), ("", .plain), ("y or Enter quits · Esc stays", .dim),
            ])
        case .confirmExport(let folder):
            drawDialog(title: "Export into a folder that has files?", lines: [
                (folder, .bold), ("is not empty; files of the same names are replaced.", .plain), ("", .plain),
                ("y or Enter writes there · Esc cancels", .dim),
            ])
        case .valueEntry(let entry): drawValueEntry(entry)
        case .keep(let dialog): drawKeep(dialog)
        case .picker(let picker): drawPicker(picker)
        case .palette(let palette): drawPalette(palette)
        }
    }

    /// A centred box of `width` × `height` cleared for content; returns the content area.
    private mutating func frame(title: String, width: Int, height: Int) -> Area {
        let width = min(width, state.width - 2), height = min(height, state.height - 2)
        let x = (state.width - width) / 2, y = (state.height - height) / 2
        canvas.fill(x: x, y: y, width: width, height: height)
        canvas.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: x, y: y)
        for row in 1..<(height - 1) {
            canvas.put("│", x: x, y: y + row)
            canvas.put("│", x: x + width - 1, y: y + row)
        }
        canvas.put("└" + String(repeating: "─", count: width - 2) + "┘", x: x, y: y + height - 1)
        canvas.put(" \(title) ", x: x + 2, y: y, style: .reverse)
        return Area(x: x + 2, y: y + 1, width: width - 4, height: height - 2)
    }

    private mutating func drawDialog(title: String, lines: [(String, Style)]) {
        let width = min(state.width - 4, max(40, (lines.map { TextWidth.of($0.0) }.max() ?? 0) + 6))
        let area = frame(title: title, width: width, height: lines.count + 2)
        for (offset, line) in lines.enumerated() where offset < area.height {
            canvas.put(line.0, x: area.x, y: area.y + offset, style: line.1, limit: area.width)
        }
        canvas.cursor = nil
    }

    /// The key table, drawn from the keymap: the keys of where you are first, then the rest, in two
    /// columns, as many as fit.
    private mutating func drawHelp() {
        let active = Keymap.activeContexts(focus: state.focus, overlay: nil)
        let order = active + KeyContext.allCases.filter { !active.contains($0) }
        var lines: [(String, Style)] = []
        for context in order {
            let bindings = Keymap.bindings.filter { $0.context == context }
            guard !bindings.isEmpty else { continue }
            lines.append((context.rawValue, .bold))
            for binding in bindings {
                lines.append((TextWidth.padded(binding.keys.map(\.label).joined(separator: " "), to: 11) + binding.help, .plain))
            }
        }
        let area = frame(title: "Keys · any key closes", width: state.width - 4, height: state.height - 2)
        let columnWidth = (area.width - 2) / 2
        for (index, line) in lines.enumerated() {
            let column = index / area.height
            guard column < 2 else { break }
            canvas.put(line.0, x: area.x + column * (columnWidth + 2), y: area.y + index % area.height, style: line.1, limit: columnWidth)
        }
        canvas.cursor = nil
    }

    private mutating func drawValueEntry(_ entry: ValueEntry) {
        let (title, explanation, keys): (String, String, String)
        switch entry.purpose {
        case .parameter(let row):
            let allowed = switch row {
            case .guidance: "0 to 100"
            case .loudness: "-1 to 1"
            case .promptStrength: "0 to 1, empty for the backend's default"
            case .seed: "0 to \(RemixRequest.seedRange.upperBound)"
            case .format: "an output_format name, e.g. pcm_24000"
            }
            (title, explanation, keys) = ("Type a value", "\(row.name): \(allowed)", "Enter sets · Esc cancels")
        case .exportFolder:
            (title, explanation, keys) = ("Export the session", "the folder for the previews and session.json", "Enter exports · Esc cancels")
        case .note(let id, _):
            (title, explanation, keys) = ("Note on \(id)", "one line, up to \(ValueEntry.noteLength.upperBound) characters; empty removes it",
                                          "Enter saves · Esc cancels")
        }
        let area = frame(title: title, width: 60, height: 6)
        canvas.put(explanation, x: area.x, y: area.y, limit: area.width)
        entry.field.draw(into: &canvas, x: area.x, y: area.y + 2, width: area.width, height: 1, focused: true, placeholder: "")
        canvas.put(keys, x: area.x, y: area.y + 3, style: .dim)
    }

    private mutating func drawKeep(_ dialog: KeepDialog) {
        let area = frame(title: "Keep \(dialog.generatedVoiceID) as a voice", width: 76, height: 12)
        canvas.put("Name", x: area.x, y: area.y, style: dialog.field == 0 ? .reverse : .bold)
        dialog.name.draw(into: &canvas, x: area.x + 13, y: area.y, width: area.width - 13, height: 1, focused: dialog.field == 0, placeholder: "the new voice's name")
        canvas.put("Description", x: area.x, y: area.y + 2, style: dialog.field == 1 ? .reverse : .bold)
        dialog.description.draw(into: &canvas, x: area.x + 13, y: area.y + 2, width: area.width - 13, height: 3, focused: dialog.field == 1, placeholder: "20–1000 characters")
        let counter = "\(dialog.description.count)/\(dialog.description.limit.upperBound)"
        canvas.put(counter, x: area.x + area.width - TextWidth.of(counter), y: area.y + 5, style: dialog.description.isWithinLimit ? .dim : Self.error)
        let played = dialog.playedNotSelected.isEmpty ? "none" : dialog.playedNotSelected.joined(separator: ", ")
        canvas.put("heard, not picked: \(played)", x: area.x, y: area.y + 6, style: .dim, limit: area.width)
        canvas.put("Enter keeps · Tab next field · Esc cancels", x: area.x, y: area.y + 8, style: .dim)
    }

    /// The filter and what it found: one voice a row, its category and labels, ★ on those kept here.
    private mutating func drawPicker(_ picker: VoicePicker) {
        let area = frame(title: "Base voice · type to search · Enter picks", width: state.width - 8, height: state.height - 4)
        let count = picker.searching ? "searching…" : picker.totalCount.map { "\(picker.found.count) of \($0)" } ?? ""
        let countWidth = TextWidth.of(count)
        canvas.put("/", x: area.x, y: area.y, style: .bold)
        picker.filter.draw(
            into: &canvas, x: area.x + 2, y: area.y, width: area.width - 3 - countWidth, height: 1, focused: true,
            placeholder: "name, accent, gender, age, category…")
        canvas.put(count, x: area.x + area.width - countWidth, y: area.y, style: .dim)
        canvas.put("★ kept on this machine", x: area.x, y: area.y + area.height - 1, style: .dim)
        guard !picker.found.isEmpty else {
            let empty = picker.searching ? "" : "no voice matches \"\(picker.filter.text)\""
            canvas.put(empty, x: area.x, y: area.y + 2, style: .dim, limit: area.width)
            return
        }
        let rows = area.height - 3
        let first = picker.cursor.firstVisible(visible: rows, count: picker.found.count)
        for index in first..<min(picker.found.count, first + rows) {
            let voice = picker.found[index]
            let name = (state.keptVoiceIDs.contains(voice.voiceID) ? "★ " : "  ") + voice.name
            let line = TextWidth.padded(name, to: 24) + TextWidth.padded(voice.category.rawValue, to: 14) + Self.labelLine(voice.labels)
            let row = Area(x: area.x, y: area.y + 2 + index - first, width: area.width, height: 1)
            canvas.put(TextWidth.padded(line, to: area.width), x: row.x, y: row.y, style: index == picker.cursor.selected ? .reverse : .plain)
            zones.append(Zone(area: row, target: .voice(index)))
        }
    }

    /// A voice's label values, the ones a person picks by first: accent, gender, age, then the rest by key.
    static func labelLine(_ labels: [String: String]) -> String {
        let leading = ["accent", "gender", "age"]
        let keys = leading.filter { labels[$0] != nil } + labels.keys.filter { !leading.contains($0) }.sorted()
        return keys.compactMap { labels[$0] }.joined(separator: " · ")
    }
}

extension Painter {
    private mutating func drawPalette(_ palette: PromptPalette) {
        let area = frame(title: "Prompt palette · type to filter · Enter inserts", width: 60, height: state.height - 4)
        canvas.put("/", x: area.x, y: area.y, style: .bold)
        palette.filter.draw(into: &canvas, x: area.x + 2, y: area.y, width: area.width - 2, height: 1, focused: true, placeholder: "age, breathy, accent…")
        let entries = palette.entries(state.promptFamilies)
        guard !entries.isEmpty else {
            canvas.put(state.promptFamilies.isEmpty ? "loading phrases…" : "no phrase matches", x: area.x, y: area.y + 2, style: .dim)
            return
        }
        let lineOfSelected = palette.selectedLine(state.promptFamilies)
        let rows = area.height - 2
        let first = ListCursor(selected: lineOfSelected).firstVisible(visible: rows, count: entries.count)
        var phraseIndex = entries.prefix(first).filter(\.isPhrase).count
        for (offset, entry) in entries.enumerated().dropFirst(first).prefix(rows) {
            let y = area.y + 2 + offset - first
            switch entry {
            case .family(let name): canvas.put(name, x: area.x, y: y, style: .bold, limit: area.width)
            case .phrase(let phrase, _):
                canvas.put("  " + phrase, x: area.x, y: y, style: offset == lineOfSelected ? .reverse : .plain, limit: area.width)
                zones.append(Zone(area: Area(x: area.x, y: y, width: area.width, height: 1), target: .phrase(phraseIndex)))
                phraseIndex += 1
            }
        }
    }
}

extension ParameterRow {
    /// As the sliders are labelled on screen.
    var label: String {
        switch self {
        case .guidance: "guidance"
        case .loudness: "loudness"
        case .promptStrength: "prompt strength"
        case .seed: "seed"
        case .format: "output format"
        }
    }

    /// As the API names the field.
    var name: String {
        switch self {
        case .guidance: "guidance_scale"
        case .loudness: "loudness"
        case .promptStrength: "prompt_strength"
        case .seed: "seed"
        case .format: "output_format"
        }
    }
}
