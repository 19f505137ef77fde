import Foundation
import RemixCore
import TerminalUI

/// The workbench's one state transition: the next state and the effects to run, from the current state
/// and one action. Pure: no clock, no randomness, no I/O, so every behaviour is tested by feeding actions.
func update(_ state: WorkbenchState, _ action: Action) -> (WorkbenchState, [Effect]) {
    var next = state
    let effects = next.apply(action)
    return (next, effects)
}

extension WorkbenchState {
    mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .input(.resize(let width, let height)):
            self.width = width
            self.height = height
            return []
        case .input(.paste(let pasted)):
            return paste(pasted)
        case .input(.key(let key)):
            return press(key)
        case .input(.mouse(let event)):
            return point(event)
        case .tick(let now):
            self.now = now
            return []
        case .signal:
            return request == nil ? [.quit] : [.cancelRemix, .quit]
        case .voicesLoaded(let voices):
            return voicesLoaded(voices)
        case .typingPaused(.voiceSearch, let generation):
            guard generation == voiceSearch, case .picker(let picker) = overlay else { return [] }
            return [.searchVoices(picker.query, generation: generation)]
        case .typingPaused(.promptExplanation, let generation):
            return explainIfStill(generation)
        case .voicesFound(let page, let generation, let nextPage):
            return voicesFound(page, generation: generation, nextPage: nextPage)
        case .voiceSearchFailed(let message, let generation, let details):
            guard generation == voiceSearch, case .picker(var picker) = overlay else { return [] }
            picker.searching = false
            overlay = .picker(picker)
            report("voice search failed: \(message)", details: details, about: .voiceSearch)
            return []
        case .sessionLoaded(let sessionID, let iterations, let kept):
            return sessionLoaded(sessionID, iterations, kept)
        case .remixProgress(let progress):
            switch progress {
            case .synthesizing: request?.phase = "synthesising"
            case .previewFinished(_, let count, _):
                request?.previewsDone += 1
                request?.previewCount = count
                request?.phase = "rendering"
            }
            return []
        case .remixFinished(let iteration):
            return remixFinished(iteration)
        case .remixFailed(let iteration, let message, let details):
            request = nil
            if let iteration { record(iteration) }
            report(message, details: details)
            return []
        case .kept(let kept):
            lastKept = kept
            keptVoiceIDs.insert(kept.voice.voiceID)
            if !voices.contains(where: { $0.voiceID == kept.voice.voiceID }) { voices.append(kept.voice) }
            status = StatusMessage(text: "kept as \"\(kept.voice.name)\" (voice_id \(kept.voice.voiceID)) · u remixes it", isError: false)
            return []
        case .playing(let playable, let position, let duration):
            playback = PlaybackState(generatedVoiceID: playable.generatedVoiceID, position: position, duration: duration)
            // Heard, so sent as played-not-selected if another is kept: marked once it really plays.
            played.insert(playable.generatedVoiceID)
            return [.markPlayed(generatedVoiceID: playable.generatedVoiceID, iterationLocalID: playable.iterationLocalID)]
        case .playbackProgress(let position, let duration, let level):
            playback?.position = position
            playback?.duration = duration
            playback?.level = level
            return []
        case .playbackEnded:
            playback = nil
            return []
        case .playbackFailed(let message):
            playback?.paused = true
            report(message, details: [])
            return []
        case .measured(let id, let iterationLocalID, let shape):
            if let index = iterations.firstIndex(where: { $0.localID == iterationLocalID }),
                let position = iterations[index].previews.firstIndex(where: { $0.generatedVoiceID == id }) {
                iterations[index].previews[position].shape = shape
            }
            return []
        case .exported(let folder, let count, let previews):
            status = StatusMessage(text: "exported \(count) iteration\(count == 1 ? "" : "s") and \(previews) preview\(previews == 1 ? "" : "s") to \(folder)", isError: false)
            return []
        case .exportNeedsConfirmation(let folder):
            overlay = .confirmExport(folder: folder)
            return []
        case .explained(let text, let explanation):
            explained(text, explanation)
            return []
        case .paletteLoaded(let families):
            promptFamilies = families
            if case .palette(var palette) = overlay {
                palette.cursor.select(palette.cursor.selected, count: palette.phrases(families).count)
                overlay = .palette(palette)
            }
            return []
        case .failed(let message, let details):
            report(message, details: details)
            return []
        }
    }

    // MARK: Keys

    private mutating func press(_ key: Key) -> [Effect] {
        let contexts = Keymap.activeContexts(focus: focus, overlay: overlay?.kind)
        let command = Keymap.command(for: key, in: contexts)
        if let kind = overlay?.kind, kind == .help || kind == .errorDetails {
            // Any key closes a read-only box; the ones that act anywhere still act.
            overlay = nil
            if command == .forceQuit || command == .redraw { return perform(command!) }
            return []
        }
        if let command { return perform(command) }
        if case .character(let character) = key { return type(String(character)) }
        return []
    }

    private mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .remix: return sendRemix()
        case .cancel: return cancel()
        case .quit:
            if request != nil {
                overlay = .confirmQuit
                return []
            }
            return [.quit]
        case .forceQuit: return request == nil ? [.quit] : [.cancelRemix, .quit]
        case .redraw: return [.redraw]
        case .help: overlay = .help
        case .errorDetails:
            if errorDetails.isEmpty, status?.isError != true {
                status = StatusMessage(text: "no error to show", isError: false)
            } else {
                overlay = .errorDetails
            }
        case .focusNext, .focusPrevious:
            let step = command == .focusNext ? 1 : -1
            if case .keep(var dialog) = overlay {
                dialog.field = (dialog.field + step + 2) % 2
                overlay = .keep(dialog)
            } else if overlay == nil {
                focus = Pane(rawValue: (focus.rawValue + step + Pane.allCases.count) % Pane.allCases.count)!
            }
        case .toggleAutoText:
            autoText.toggle()
            if !autoText, overlay == nil { focus = .text }
        case .edit(let edit): return editFocused(edit)
        case .up, .down: return moveSelection(command == .up ? -1 : 1)
        case .scroll(let rows): return moveSelection(rows)
        case .open: return open()
        case .confirm: return confirm()
        case .sliderStep(let steps, let coarse): stepParameter(steps, coarse: coarse)
        case .sliderReset: resetParameter()
        case .typeValue:
            var entry = ValueEntry(row: parameterRow)
            entry.field.setText(currentValueText(parameterRow))
            overlay = .valueEntry(entry)
        case .toggleSeedLock:
            seedLocked.toggle()
            status = StatusMessage(text: seedLocked ? "seed locked at \(seed)" : "a new seed is rolled for each remix", isError: false)
        case .playPause: return playPause()
        case .playNumber(let index): return play(index: index)
        case .switchAB: return switchAB()
        case .seek(let seconds): return playback == nil ? [] : [.seek(by: seconds)]
        case .keep: openKeepDialog()
        case .rate(let delta): return rateSelected(by: delta)
        case .export:
            guard let sessionID else {
                status = StatusMessage(text: "nothing to export yet: Ctrl+R starts a session", isError: true)
                return []
            }
            overlay = .valueEntry(ValueEntry(exportOf: sessionID))
        case .note:
            guard let (preview, iteration) = annotatable() else { return [] }
            overlay = .valueEntry(ValueEntry(noteOn: preview, of: iteration))
        case .useKept:
            guard let kept = lastKept else {
                status = StatusMessage(text: "nothing kept yet: s keeps the selected preview", isError: true)
                return []
            }
            voice = kept.voice
            status = StatusMessage(text: "the next remix starts from \"\(kept.voice.name)\"", isError: false)
        case .newSession:
            sessionID = nil
            iterations = []
            openIteration = nil
            history = ListCursor()
            previews = ListCursor()
            status = StatusMessage(text: "new session: the next remix starts it", isError: false)
            return playback == nil ? [] : [.stopPlayback]
        case .pickVoice:
            let picker = VoicePicker()
            overlay = .picker(picker)
            voiceSearch += 1
            return [.searchVoices(picker.query, generation: voiceSearch)]
        case .palette:
            // Ctrl+P is an editor key, and the editor keys work in dialogs too; the palette writes into
            // the prompt, so it opens only over the workbench itself.
            guard overlay == nil else { return [] }
            overlay = .palette(PromptPalette())
            return promptFamilies.isEmpty ? [.loadPalette] : []
        }
        return []
    }

    private mutating func cancel() -> [Effect] {
        if overlay != nil {
            overlay = nil
            return []
        }
        guard request != nil else { return [] }
        request?.phase = "cancelling"
        return [.cancelRemix]
    }

    // MARK: Text

    /// Typed or pasted text goes to whatever takes text: an editor, a dialog field, the picker's filter.
    private mutating func type(_ text: String) -> [Effect] {
        switch overlay {
        case .picker(var picker):
            picker.filter.insert(text)
            overlay = .picker(picker)
            return searchAgain()
        case .palette(var palette):
            palette.filter.insert(text)
            palette.cursor = ListCursor()
            overlay = .palette(palette)
        case .keep(var dialog):
            reportDropped(dialog.field == 0 ? dialog.name.insert(text) : dialog.description.insert(text), limit: dialog.field == 0 ? 100 : 1000)
            overlay = .keep(dialog)
        case .valueEntry(var entry):
            entry.field.insert(text)
            overlay = .valueEntry(entry)
        case .confirmQuit:
            if text.lowercased() == "y" { return [.cancelRemix, .quit] }
            overlay = nil
        case .confirmExport(let folder):
            if text.lowercased() == "y" { return exportConfirmed(into: folder) }
            overlay = nil
        case .help, .errorDetails:
            overlay = nil
        case nil:
            switch focus {
            case .prompt:
                reportDropped(prompt.insert(text), limit: prompt.limit.upperBound)
                return promptEdited()
            case .text:
                autoText = false
                reportDropped(self.text.insert(text), limit: self.text.limit.upperBound)
            default: break
            }
        }
        return []
    }

    private mutating func paste(_ pasted: String) -> [Effect] {
        if overlay == nil, focus != .prompt, focus != .text {
            status = StatusMessage(text: "paste into the prompt or the text (Tab to move there)", isError: true)
            return []
        }
        return type(pasted)
    }

    private mutating func reportDropped(_ dropped: Int, limit: Int) {
        if dropped > 0 {
            status = StatusMessage(text: "cut to \(limit) characters: \(dropped) left out", isError: true)
        }
    }

    private mutating func editFocused(_ edit: TextEditor.Edit) -> [Effect] {
        let width = Layout(state: self).editorWidth
        switch overlay {
        case .picker(var picker):
            let before = picker.filter.text
            picker.filter.apply(edit, width: width)
            overlay = .picker(picker)
            if picker.filter.text != before { return searchAgain() }
        case .palette(var palette):
            palette.filter.apply(edit, width: width)
            palette.cursor = ListCursor()
            overlay = .palette(palette)
        case .keep(var dialog):
            if dialog.field == 0 { dialog.name.apply(edit, width: width) } else { dialog.description.apply(edit, width: width) }
            overlay = .keep(dialog)
        case .valueEntry(var entry):
            entry.field.apply(edit, width: width)
            overlay = .valueEntry(entry)
        default:
            if focus == .prompt {
                prompt.apply(edit, width: width)
                return promptEdited()
            }
            if focus == .text {
                if autoText, edit != .undo, edit != .redo { autoText = false }
                text.apply(edit, width: width)
            }
        }
        return []
    }

    // MARK: Lists

    mutating func moveSelection(_ delta: Int) -> [Effect] {
        switch overlay {
        case .picker(var picker):
            picker.cursor.move(by: delta, count: picker.found.count)
            overlay = .picker(picker)
            return nextPageIfNearTheEnd()
        case .palette(var palette):
            palette.cursor.move(by: delta, count: palette.phrases(promptFamilies).count)
            overlay = .palette(palette)
            return []
        case .keep(var dialog):
            dialog.field = min(max(dialog.field + delta, 0), 1)
            overlay = .keep(dialog)
            return []
        default: break
        }
        switch focus {
        case .parameters:
            parameterRow = ParameterRow(rawValue: min(max(parameterRow.rawValue + delta, 0), ParameterRow.allCases.count - 1))!
        case .previews: previews.move(by: delta, count: shownIteration?.previews.count ?? 0)
        case .history: history.move(by: delta, count: historyRows.count)
        default: break
        }
        return []
    }

    mutating func open() -> [Effect] {
        switch focus {
        case .previews: return play(index: previews.selected)
        case .history:
            guard historyRows.indices.contains(history.selected) else { return [] }
            return reopen(historyRows[history.selected].index) + promptReplaced()
        default: return []
        }
    }

    /// Brings an iteration back: its prompt, text, parameters and voice, and its previews to play.
    private mutating func reopen(_ index: Int) -> [Effect] {
        guard iterations.indices.contains(index) else { return [] }
        let iteration = iterations[index]
        let request = iteration.request
        openIteration = index
        previews = ListCursor()
        prompt.setText(request.voiceDescription)
        autoText = request.autoGenerateText || request.text == nil
        if let spoken = request.text { text.setText(spoken) }
        guidance.value = request.guidanceScale
        loudness.value = request.loudness
        promptStrength.value = request.promptStrength
        format = request.outputFormat
        if let used = request.seed {
            seed = used
            seedLocked = true
        }
        if voice?.voiceID != request.voiceID {
            voice = voices.first { $0.voiceID == request.voiceID } ?? Voice(voiceID: request.voiceID, name: request.voiceID, category: .premade)
        }
        status = StatusMessage(text: "reopened iteration \(index + 1): Ctrl+R remixes from it", isError: false)
        return [.prepare(playables(of: iteration))]
    }

    mutating func confirm() -> [Effect] {
        switch overlay {
        case .picker(let picker):
            if let chosen = picker.selected {
                voice = chosen
                // Known from now on, so reopening an iteration of it shows its name.
                if !voices.contains(where: { $0.voiceID == chosen.voiceID }) { voices.append(chosen) }
                overlay = nil
            }
        case .palette(let palette):
            guard let phrase = palette.selectedPhrase(promptFamilies) else { return [] }
            overlay = nil
            focus = .prompt
            reportDropped(prompt.insertPhrase(phrase), limit: prompt.limit.upperBound)
            return promptEdited()
        case .keep(let dialog):
            let request = KeepRequest(
                voiceName: dialog.name.text, voiceDescription: dialog.description.text, generatedVoiceID: dialog.generatedVoiceID,
                playedNotSelectedVoiceIDs: dialog.playedNotSelected.isEmpty ? nil : dialog.playedNotSelected)
            let problems = request.validationErrors()
            guard problems.isEmpty else {
                status = StatusMessage(text: problems.map(\.description).joined(separator: "; "), isError: true)
                return []
            }
            overlay = nil
            status = StatusMessage(text: "keeping \(dialog.generatedVoiceID)…", isError: false)
            return [.keep(request)]
        case .valueEntry(let entry):
            switch entry.purpose {
            case .parameter(let row):
                if let problem = setTyped(entry.field.text, row: row) {
                    status = StatusMessage(text: problem, isError: true)
                } else {
                    overlay = nil
                    status = nil
                }
            case .exportFolder(let sessionID):
                let folder = entry.field.text.trimmingCharacters(in: .whitespaces)
                guard !folder.isEmpty else { return [] }
                overlay = nil
                status = StatusMessage(text: "exporting to \(folder)…", isError: false)
                return [.export(sessionID: sessionID, folder: folder, intoNonEmpty: false)]
            case .note(let id, let iteration):
                overlay = nil
                let note = entry.field.text.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
                return annotate(id, in: iteration) { $0.note = note.isEmpty ? nil : note }
            }
        case .confirmQuit:
            return [.cancelRemix, .quit]
        case .confirmExport(let folder):
            return exportConfirmed(into: folder)
        default: break
        }
        return []
    }

    // MARK: Parameters

    mutating func stepParameter(_ steps: Int, coarse: Bool) {
        switch parameterRow {
        case .guidance: guidance.move(by: steps, coarse: coarse)
        case .loudness: loudness.move(by: steps, coarse: coarse)
        case .promptStrength: promptStrength.move(by: steps, coarse: coarse)
        case .seed:
            seed = min(max(seed + steps * (coarse ? 1000 : 1), 0), RemixRequest.seedRange.upperBound)
            seedLocked = true
        case .format:
            let all = OutputFormat.allCases
            let index = all.firstIndex(of: format)! + steps * (coarse ? 7 : 1)
            format = all[(index % all.count + all.count) % all.count]
        }
    }

    private mutating func resetParameter() {
        switch parameterRow {
        case .guidance: guidance.reset()
        case .loudness: loudness.reset()
        case .promptStrength: promptStrength.reset()
        case .seed: seedLocked = false
        case .format: format = .default
        }
    }

    private func currentValueText(_ row: ParameterRow) -> String {
        switch row {
        case .guidance: guidance.valueText
        case .loudness: loudness.valueText
        case .promptStrength: promptStrength.value.map(promptStrength.format) ?? ""
        case .seed: String(seed)
        case .format: format.rawValue
        }
    }

    /// Sets a typed value, or says what is allowed.
    private mutating func setTyped(_ typed: String, row: ParameterRow) -> String? {
        switch row {
        case .guidance: return guidance.set(typed: typed)
        case .loudness: return loudness.set(typed: typed)
        case .promptStrength: return promptStrength.set(typed: typed)
        case .seed:
            guard let value = Int(typed.trimmingCharacters(in: .whitespaces)), RemixRequest.seedRange.contains(value) else {
                return "seed must be a whole number between 0 and \(RemixRequest.seedRange.upperBound) (got \"\(typed)\")"
            }
            seed = value
            seedLocked = true
            return nil
        case .format:
            guard let value = OutputFormat(rawValue: typed.trimmingCharacters(in: .whitespaces)) else {
                return "output_format must be one of \(OutputFormat.allowedValues)"
            }
            format = value
            return nil
        }
    }

    // MARK: Remix

    private mutating func sendRemix() -> [Effect] {
        overlay = nil
        guard request == nil else {
            status = StatusMessage(text: "a remix is already running: Esc cancels it", isError: true)
            return []
        }
        guard let voice else {
            status = StatusMessage(text: "voice_id: pick a base voice first (v)", isError: true)
            return []
        }
        var problems: [String] = []
        if !prompt.isWithinLimit {
            problems.append("prompt (voice_description) must be 5 to 1000 characters (has \(prompt.count))")
        }
        if !autoText, !text.isWithinLimit {
            problems.append("text must be 100 to 1000 characters (has \(text.count)); Ctrl+T lets the backend write one")
        }
        guard problems.isEmpty else {
            status = StatusMessage(text: problems.joined(separator: "; ") + "; not sent", isError: true)
            return []
        }
        if !seedLocked { seed = rollSeed() }
        let remix = RemixRequest(
            voiceID: voice.voiceID, voiceDescription: prompt.text, text: autoText ? nil : text.text,
            autoGenerateText: autoText, loudness: loudness.value ?? RemixRequest.defaultLoudness, seed: seed,
            guidanceScale: guidance.value ?? RemixRequest.defaultGuidanceScale, promptStrength: promptStrength.value,
            remixingSessionID: sessionID, outputFormat: format)
        request = RequestState(startedAt: now)
        status = nil
        return [.remix(remix, parent: openIteration.map { iterations[$0].localID })]
    }

    private mutating func remixFinished(_ iteration: Iteration) -> [Effect] {
        let seconds = request.map { now - $0.startedAt }
        request = nil
        record(iteration)
        focus = .previews
        previews = ListCursor()
        let took = seconds.map { String(format: " in %.1f s", $0) } ?? ""
        status = StatusMessage(text: "\(iteration.previews.count) previews\(took): Space plays, a switches A/B, s keeps", isError: false)
        return [.prepare(playables(of: iteration))]
    }

    /// Adds an iteration to the history (or updates it) and opens it.
    private mutating func record(_ iteration: Iteration) {
        if let sessionID = iteration.sessionID { self.sessionID = sessionID }
        if let index = iterations.firstIndex(where: { $0.localID == iteration.localID }) {
            iterations[index] = iteration
        } else {
            iterations.append(iteration)
        }
        openIteration = iterations.firstIndex { $0.localID == iteration.localID }
        selectInHistory(openIteration)
    }

    /// Iterations in the history's order: the session's tree, each under the one it branched from.
    var historyRows: [IterationTree.Row] { IterationTree.rows(iterations) }

    /// Puts the history's cursor on the row of iteration `index`.
    mutating func selectInHistory(_ index: Int?) {
        let rows = historyRows
        history.select(rows.firstIndex { $0.index == index } ?? 0, count: rows.count)
    }

    private mutating func voicesLoaded(_ loaded: [Voice]) -> [Effect] {
        voices = loaded
        if let current = voice, let match = loaded.first(where: { $0.voiceID == current.voiceID }) {
            voice = match
        } else if voice == nil {
            voice = loaded.first
        }
        return []
    }

    // MARK: Voice search

    /// The picker's filter changed: a new search, sent once typing pauses. Answers to the one before
    /// are dropped; its voices stay listed until the new ones come.
    private mutating func searchAgain() -> [Effect] {
        guard case .picker(var picker) = overlay else { return [] }
        voiceSearch += 1
        picker.searching = true
        picker.cursor = ListCursor()
        overlay = .picker(picker)
        return [.awaitTypingPause(.voiceSearch, generation: voiceSearch)]
    }

    private mutating func voicesFound(_ page: VoicePage, generation: Int, nextPage: Bool) -> [Effect] {
        guard generation == voiceSearch, case .picker(var picker) = overlay else { return [] }
        if status?.topic == .voiceSearch { status = nil }
        if nextPage {
            picker.found += page.voices
        } else {
            picker.found = page.voices
            // The list opens on the voice in use when it is among the first found.
            picker.cursor.select(page.voices.firstIndex { $0.voiceID == voice?.voiceID } ?? 0, count: page.voices.count)
        }
        picker.totalCount = page.totalCount
        picker.nextPageToken = page.hasMore ? page.nextPageToken : nil
        picker.searching = false
        overlay = .picker(picker)
        return nextPageIfNearTheEnd()
    }

    /// Asks for the next page once the selection comes near the last voice found, one page at a time.
    mutating func nextPageIfNearTheEnd() -> [Effect] {
        guard case .picker(var picker) = overlay, !picker.searching, let token = picker.nextPageToken,
            picker.cursor.selected >= picker.found.count - VoicePicker.pageAhead
        else { return [] }
        picker.searching = true
        overlay = .picker(picker)
        var query = picker.query
        query.pageToken = token
        return [.searchVoices(query, generation: voiceSearch)]
    }

    private mutating func sessionLoaded(_ sessionID: String?, _ stored: [Iteration], _ kept: [KeptVoice]) -> [Effect] {
        self.sessionID = sessionID
        iterations = stored
        lastKept = kept.last
        keptVoiceIDs = Set(kept.map(\.voice.voiceID))
        played = Set(stored.flatMap { $0.previews.filter(\.played).map(\.generatedVoiceID) })
        guard !stored.isEmpty else { return [] }
        selectInHistory(stored.count - 1)
        var effects = reopen(stored.count - 1)
        status = StatusMessage(text: "session \(sessionID ?? "?") reopened with \(stored.count) iteration\(stored.count == 1 ? "" : "s")", isError: false)
        if let index = stored.lastIndex(where: { $0.status == .done }), index != stored.count - 1 {
            openIteration = index
            effects = [.prepare(playables(of: stored[index]))]
        }
        return effects + promptReplaced()
    }

    // MARK: Playback

    func playables(of iteration: Iteration) -> [Playable] {
        iteration.previews.map {
            Playable(
                generatedVoiceID: $0.generatedVoiceID, iterationLocalID: iteration.localID, audioFile: $0.audioFile,
                format: iteration.request.outputFormat, needsShape: $0.shape == nil)
        }
    }

    private func playable(at index: Int) -> Playable? {
        guard let iteration = shownIteration, iteration.previews.indices.contains(index) else { return nil }
        return playables(of: iteration)[index]
    }

    private mutating func playPause() -> [Effect] {
        if let playback, playback.generatedVoiceID == selectedPreview?.generatedVoiceID || focus != .previews {
            self.playback?.paused.toggle()
            return playback.paused ? [.resume] : [.pause]
        }
        return play(index: previews.selected)
    }

    private mutating func play(index: Int) -> [Effect] {
        guard let playable = playable(at: index) else {
            status = StatusMessage(text: shownIteration == nil ? "no previews yet: Ctrl+R sends a remix" : "there is no preview \(index + 1)", isError: true)
            return []
        }
        previews.select(index, count: shownIteration?.previews.count ?? 0)
        return [.play(playable)]
    }

    private mutating func switchAB() -> [Effect] {
        guard let playback, let iteration = shownIteration, iteration.previews.count > 1 else {
            status = StatusMessage(text: "A/B needs a preview playing and another to switch to", isError: true)
            return []
        }
        let current = iteration.previews.firstIndex { $0.generatedVoiceID == playback.generatedVoiceID } ?? -1
        let next = (current + 1) % iteration.previews.count
        guard let target = playable(at: next) else { return [] }
        previews.select(next, count: iteration.previews.count)
        return [.switchTo(target)]
    }

    private mutating func exportConfirmed(into folder: String) -> [Effect] {
        overlay = nil
        guard let sessionID else { return [] }
        status = StatusMessage(text: "exporting to \(folder)…", isError: false)
        return [.export(sessionID: sessionID, folder: folder, intoNonEmpty: true)]
    }

    /// The selected preview and its iteration, or why there is none to rate or note.
    private mutating func annotatable() -> (IterationPreview, Iteration)? {
        guard let iteration = shownIteration else {
            status = StatusMessage(text: "no previews yet: Ctrl+R makes some", isError: true)
            return nil
        }
        guard iteration.status == .done, let preview = selectedPreview else {
            status = StatusMessage(text: "iteration \((openIteration ?? 0) + 1) is \(iteration.status.rawValue): it has no previews to rate", isError: true)
            return nil
        }
        return (preview, iteration)
    }

    private mutating func rateSelected(by delta: Int) -> [Effect] {
        guard let (preview, iteration) = annotatable() else { return [] }
        let range = IterationPreview.ratingRange
        let rating = min(max(preview.rating + delta, range.lowerBound), range.upperBound)
        status = StatusMessage(text: "\(preview.generatedVoiceID) rated \(rating > 0 ? "+" : "")\(rating)", isError: false)
        return annotate(preview.generatedVoiceID, in: iteration.localID) { $0.rating = rating }
    }

    /// Changes a preview's rating or note here and has the store record it.
    private mutating func annotate(_ id: String, in iterationLocalID: Int64, _ change: (inout IterationPreview) -> Void) -> [Effect] {
        guard let index = iterations.firstIndex(where: { $0.localID == iterationLocalID }),
            let position = iterations[index].previews.firstIndex(where: { $0.generatedVoiceID == id })
        else { return [] }
        change(&iterations[index].previews[position])
        let preview = iterations[index].previews[position]
        return [.annotate(generatedVoiceID: id, iterationLocalID: iterationLocalID, rating: preview.rating, note: preview.note)]
    }

    private mutating func openKeepDialog() {
        guard let selected = selectedPreview, let iteration = shownIteration else {
            status = StatusMessage(text: "select a preview to keep (Tab to the previews)", isError: true)
            return
        }
        // The best-rated take is proposed, the selected one among equals.
        let best = iteration.previews.max { $0.rating < $1.rating }
        let preview = best.map { $0.rating > selected.rating ? $0 : selected } ?? selected
        // A generated id can be in several iterations (same inputs and seed): it is named once.
        var named: Set<String> = [preview.generatedVoiceID]
        let others = iterations.flatMap(\.previews).map(\.generatedVoiceID).filter { played.contains($0) && named.insert($0).inserted }
        let base = voice?.name ?? "Voice"
        let prompt = iteration.request.voiceDescription
        var description = prompt
        if description.count < KeepRequest.descriptionLength.lowerBound { description += " (a remix of \(base))" }
        overlay = .keep(KeepDialog(
            generatedVoiceID: preview.generatedVoiceID,
            name: TextEditor("\(base) · \(Self.shortened(prompt, to: 40))", limit: 1...100),
            description: TextEditor(description, limit: KeepRequest.descriptionLength),
            playedNotSelected: others))
    }

    /// The first words of `text` that fit in `limit` characters.
    static func shortened(_ text: String, to limit: Int) -> String {
        var result = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if result.count + word.count + 1 > limit { break }
            result += (result.isEmpty ? "" : " ") + word
        }
        return result.isEmpty ? String(text.prefix(limit)) : result
    }

    /// One status line now, the rest behind `!`.
    private mutating func report(_ message: String, details: [String], about topic: StatusMessage.Topic? = nil) {
        status = StatusMessage(text: message, isError: true, topic: topic)
        errorDetails = [message] + details
    }
}
