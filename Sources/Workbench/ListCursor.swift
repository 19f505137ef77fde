/// The selection of a list. The view scrolls to keep it visible, so no scroll offset is stored.
struct ListCursor: Equatable, Sendable {
    var selected = 0

    mutating func move(by delta: Int, count: Int) {
        select(selected + delta, count: count)
    }

    mutating func select(_ index: Int, count: Int) {
        selected = min(max(index, 0), max(count - 1, 0))
    }

    /// The first row to draw so that the selection shows in `visible` rows.
    func firstVisible(visible: Int, count: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        return min(max(0, selected - visible + 1), count - visible)
    }
}
