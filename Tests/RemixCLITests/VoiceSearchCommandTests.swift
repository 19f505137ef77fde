import Foundation
import Testing
import TestSupport

/// `remix voices` with search options: one page of the matches, the next page's token on stderr,
/// bad values refused in one line that says what is allowed.
@Suite struct VoiceSearchCommandTests {
    static func names(_ table: String) -> [String] {
        table.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[1].description }
    }

    @Test func searchPrintsTheMatchesAndPagesOnWithTheToken() throws {
        let scottish = try RemixBinary.run(["voices", "--backend", "local", "--search", "scottish", "--sort", "name"])
        #expect(scottish.status == 0, "\(scottish.stderrText)")
        #expect(Self.names(scottish.stdoutText) == ["Alasdair", "Declan", "Morag"], "\(scottish.stdoutText)")
        #expect(scottish.stderrText.isEmpty, "one page holds them all: no token to follow")

        let first = try RemixBinary.run(["voices", "--backend", "local", "--label", "gender=female", "--sort", "name", "--page-size", "3"])
        #expect(first.status == 0, "\(first.stderrText)")
        let token = try #require(first.stderrText.firstMatch(of: /--page-token (\S+)/)?.output.1, "no next page on stderr: \(first.stderrText)")
        let second = try RemixBinary.run([
            "voices", "--backend", "local", "--label", "gender=female", "--sort", "name", "--page-size", "3", "--page-token", String(token),
        ])
        let both = Self.names(first.stdoutText) + Self.names(second.stdoutText)
        #expect(both.count == 6 && both == both.sorted(), "\(both)")
        #expect(Set(both).count == 6, "the second page goes on where the first stopped")
    }

    @Test func jsonIsTheV2ResponseBody() throws {
        let outcome = try RemixBinary.run(["voices", "--backend", "local", "--label", "accent=scottish", "--category", "premade", "--json"])
        #expect(outcome.status == 0, "\(outcome.stderrText)")
        let body = try #require(try JSONSerialization.jsonObject(with: outcome.stdout) as? [String: Any])
        #expect(Set(body.keys) == ["voices", "has_more", "total_count"])
        #expect(body["total_count"] as? Int == 2 && body["has_more"] as? Bool == false)
        let names = (body["voices"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(Set(names ?? []) == ["Alasdair", "Morag"])
    }

    @Test(arguments: [
        (["--category", "famous"], "--category must be one of premade, cloned, generated, professional (got \"famous\")"),
        (["--sort", "age"], "--sort must be one of created_at_unix, name (got \"age\")"),
        (["--sort-direction", "up"], "--sort-direction must be one of asc, desc (got \"up\")"),
        (["--label", "scottish"], "--label must be key=value, e.g. accent=scottish (got \"scottish\")"),
        (["--label", "use_case=narration"], "use_case is not a label voices can be searched by: use accent, age, gender"),
        (["--page-size", "0"], "page_size must be between 1 and 100 (got 0)"),
        (["--page-token", "TRUE"], "next_page_token is not a token this server issued (got \"TRUE\")"),
    ])
    func badValuesFailInOneLineNamingWhatIsAllowed(arguments: [String], message: String) throws {
        let outcome = try RemixBinary.run(["voices", "--backend", "local"] + arguments)
        #expect(outcome.status != 0)
        #expect(outcome.stdoutText.isEmpty)
        #expect(outcome.stderrText == "error: \(message)\n", "\(outcome.stderrText)")
    }
}
