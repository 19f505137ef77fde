import Testing
import TestSupport

/// `--help` prints the command's help on stdout and succeeds, rather than failing as an error.
@Suite struct HelpTests {
    @Test(arguments: [
        (["--help"], "SUBCOMMANDS"), (["voices", "--help"], "--allow-insecure-http"),
        (["serve", "--help"], "--api-key-file"), (["sessions", "list", "--help"], "--json"),
    ])
    func helpIsPrintedAndSucceeds(arguments: [String], mentions: String) throws {
        let outcome = try RemixBinary.run(arguments)
        #expect(outcome.status == 0, "\(outcome.stderrText)")
        #expect(outcome.stdoutText.contains("USAGE: remix"), "\(outcome.stdoutText)")
        #expect(outcome.stdoutText.contains(mentions))
    }
}
