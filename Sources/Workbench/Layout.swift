/// Where each part of the workbench goes for the terminal's size: one column up to 119 columns, two
/// from 120 (inputs left, results right). Computed from the state alone, so `update` (for the editors'
/// wrap width) and `view` agree.
struct Layout: Equatable {
    struct Column: Equatable {
        var x: Int
        var width: Int
        /// Inside the border and one space of padding.
        var contentX: Int { x + 2 }
        var contentWidth: Int { max(0, width - 4) }
    }

    let twoColumns: Bool
    let left: Column
    let right: Column
    /// Rows for the boxes; the last two rows of the screen are the status and hint lines.
    let boxHeight: Int
    let promptRows: Int
    let textRows: Int

    static let labelWidth = 8
    static let counterWidth = 10

    init(state: WorkbenchState) {
        let width = max(state.width, WorkbenchState.minimumWidth)
        let height = max(state.height, WorkbenchState.minimumHeight)
        twoColumns = width >= 120 && height >= 30
        boxHeight = height - 2
        if twoColumns {
            // The results (preview rows with play head and meter, history) need more room than the inputs.
            let leftWidth = width * 9 / 20
            left = Column(x: 0, width: leftWidth)
            right = Column(x: leftWidth, width: width - leftWidth)
            // Left box: the voice rule, prompt and text, the parameters' rule and rows, the bottom rule.
            let free = boxHeight - 3 - ParameterRow.allCases.count
            promptRows = max(2, free / 2)
            textRows = max(1, free - promptRows)
        } else {
            left = Column(x: 0, width: width)
            right = left
            // One column: fixed sections plus history; the prompt takes a third of what is spare.
            let spare = max(0, boxHeight - 22)
            promptRows = 2 + spare / 3
            textRows = 1 + spare / 6
        }
    }

    /// The wrap width of the prompt and text editors.
    var editorWidth: Int {
        max(10, left.contentWidth - Self.labelWidth - Self.counterWidth)
    }
}
