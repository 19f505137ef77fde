/// A session's iterations as the tree their branches make, drawn with ├─ └─ as `remix sessions show`
/// and the workbench's history list them: each iteration under the one it was branched from, children
/// in the order they were made. An iteration whose parent is not among them is a root.
public enum IterationTree {
    public struct Row: Equatable, Sendable {
        /// Into the iterations given.
        public let index: Int
        /// The lines leading to the iteration: `│  ├─ `; empty for a root.
        public let prefix: String
        public let depth: Int
        /// Whether iterations were branched from it: a drawing carries the line on past its details.
        public let hasChildren: Bool
    }

    public static func rows(_ iterations: [Iteration]) -> [Row] {
        let known = Set(iterations.map(\.localID))
        var children: [Int64: [Int]] = [:]
        var roots: [Int] = []
        for (index, iteration) in iterations.enumerated() {
            if let parent = iteration.parentLocalID, parent != iteration.localID, known.contains(parent) {
                children[parent, default: []].append(index)
            } else {
                roots.append(index)
            }
        }
        var rows: [Row] = []
        // Iterative, so a deep chain (hundreds of remixes in a row) cannot exhaust the stack.
        var stack: [(index: Int, lead: String, connector: String, depth: Int)] = roots.reversed().map { ($0, "", "", 0) }
        while let node = stack.popLast() {
            let below = children[iterations[node.index].localID] ?? []
            rows.append(Row(index: node.index, prefix: node.lead + node.connector, depth: node.depth, hasChildren: !below.isEmpty))
            let lead = node.depth == 0 ? "" : node.lead + (node.connector == "└─ " ? "   " : "│  ")
            for (offset, child) in below.enumerated().reversed() {
                stack.append((child, lead, offset == below.count - 1 ? "└─ " : "├─ ", node.depth + 1))
            }
        }
        // Parents that point in a circle (a damaged store) leave their iterations unreached: still listed.
        let listed = Set(rows.map(\.index))
        return rows + iterations.indices.filter { !listed.contains($0) }.map { Row(index: $0, prefix: "", depth: 0, hasChildren: false) }
    }
}
