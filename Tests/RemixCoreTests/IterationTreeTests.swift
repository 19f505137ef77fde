import Foundation
import RemixCore
import Testing

@Suite struct IterationTreeTests {
    static func iteration(_ localID: Int64, parent: Int64?) -> Iteration {
        Iteration(
            localID: localID, id: nil, sessionID: "S", backend: "local",
            request: RemixRequest(voiceID: "v", voiceDescription: "older \(localID)"), text: nil, status: .done, failure: nil,
            interpretation: nil, createdAt: Date(timeIntervalSince1970: Double(localID)), previews: [], parentLocalID: parent)
    }

    static func drawn(_ iterations: [Iteration]) -> [String] {
        IterationTree.rows(iterations).map { "\($0.prefix)\(iterations[$0.index].localID)" }
    }

    @Test func branchesHangUnderTheIterationTheyCameFromInTheOrderTheyWereMade() {
        // 1 ─ 2 ─ 4 ─ 6, then 3 and 5 branched from 1 and 2.
        let iterations = [(1, nil), (2, 1), (3, 1), (4, 2), (5, 2), (6, 4)].map { Self.iteration(Int64($0.0), parent: $0.1.map(Int64.init)) }
        #expect(Self.drawn(iterations) == [
            "1",
            "├─ 2",
            "│  ├─ 4",
            "│  │  └─ 6",
            "│  └─ 5",
            "└─ 3",
        ])
        #expect(IterationTree.rows(iterations).map(\.depth) == [0, 1, 2, 3, 2, 1])
        #expect(IterationTree.rows(iterations).map(\.hasChildren) == [true, true, true, false, false, false])
    }

    @Test func aChainIsAStraightLineAndAnUnknownParentIsARoot() {
        let chain = [Self.iteration(1, parent: nil), Self.iteration(2, parent: 1), Self.iteration(3, parent: 99)]
        #expect(Self.drawn(chain) == ["1", "└─ 2", "3"])
    }

    @Test func parentsInACircleAreStillListed() {
        let circle = [Self.iteration(1, parent: 2), Self.iteration(2, parent: 1), Self.iteration(3, parent: nil)]
        #expect(Set(IterationTree.rows(circle).map(\.index)) == [0, 1, 2])
    }
}
