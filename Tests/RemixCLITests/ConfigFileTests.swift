import Foundation
import Testing
import TestSupport

/// The config file that holds the API key, read by the real `remix` binary.
@Suite struct ConfigFileTests {
    static let key = "sk_config_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()

    /// A folder with a config file of `text` and `mode`, removed by the caller.
    func config(_ text: String, mode: Int = 0o600) throws -> (folder: URL, file: URL) {
        let folder = try Tool.temporaryDirectory("config")
        let file = folder.appendingPathComponent("config")
        try Data(text.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return (folder, file)
    }

    func remix(_ arguments: [String], config file: URL) throws -> ProcessOutcome {
        try RemixBinary.run(arguments, environment: ["REMIX_CONFIG": file.path])
    }

    @Test func aLinkIsFollowedAndTheFileItLeadsToIsJudged() throws {
        let (folder, file) = try config("# the account's key\napi_key = \"\(Self.key)\"\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        let server = try ScriptedHTTPServer { _ in .json(200, ["voices": []]) }

        let outcome = try remix(["voices", "--backend", server.baseURL.absoluteString], config: link)
        #expect(outcome.status == 0, "\(outcome.stderrText)")
        #expect(server.requests.first?.headers["xi-api-key"] == Self.key, "the key came from the file behind the link")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let refused = try remix(["voices"], config: link)
        #expect(refused.stderrText == "error: refusing to read the API key from \(link.path) (a link to \(file.path)): its mode is 644, readable by its group and others; run chmod 600 \(link.path)\n")
    }

    /// Judged through the link, as the mode is: the file behind it belongs to someone else.
    @Test func aFileOfAnotherUserIsRefusedWithItsOwnerNamed() throws {
        let (folder, file) = try config("api_key = \(Self.key)\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target: URL
        if geteuid() == 0 {
            // root can give its file away; nobody exists on every Debian system.
            let nobody = try #require(getpwnam("nobody")).pointee
            #expect(chown(file.path, nobody.pw_uid, nobody.pw_gid) == 0, "\(String(cString: strerror(errno)))")
            target = file
        } else {
            target = URL(fileURLWithPath: "/etc/passwd")
        }
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        var status = stat()
        #expect(stat(target.path, &status) == 0)

        let outcome = try remix(["voices"], config: link)
        #expect(outcome.status != 0)
        #expect(outcome.stderrText == "error: refusing to read the API key from \(link.path) (a link to \(target.path)): it belongs to \(Self.user(status.st_uid)) and you are \(Self.user(geteuid())); its owner can change it whatever its mode, so keep the key in a file of your own\n")
        #expect(!outcome.stderrText.contains(Self.key))
    }

    /// "nobody (uid 65534)", as the refusal names a user.
    static func user(_ uid: uid_t) -> String {
        "\(String(cString: getpwuid(uid).pointee.pw_name)) (uid \(uid))"
    }

    @Test(arguments: [(0o620, "writable by its group"), (0o602, "writable by others"), (0o660, "readable and writable by its group")])
    func theModeNamesWhoElseCanDoWhat(mode: Int, exposure: String) throws {
        let (folder, file) = try config("api_key = \(Self.key)\n", mode: mode)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try remix(["voices"], config: file)
        #expect(outcome.status != 0)
        #expect(outcome.stderrText == "error: refusing to read the API key from \(file.path): its mode is \(String(mode, radix: 8)), \(exposure); run chmod 600 \(file.path)\n")
    }

    @Test(arguments: [
        ("api_key = k1\nregion = eu\n", "line 2: an unknown setting"),
        ("# mine\n\n\(key)\n", "line 3: not of the form name = value"),
        ("apikey = \(key)\n", "line 1: an unknown setting"),
        ("api_key =\n", "line 1: api_key is empty"),
        ("api_key = k1\napi_key = k2\n", "line 2: api_key again, after line 1"),
    ])
    func aBadLineIsNamedAndNeverQuoted(text: String, problem: String) throws {
        let (folder, file) = try config(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try remix(["voices"], config: file)
        #expect(outcome.status != 0)
        #expect(outcome.stderrText.hasPrefix("error: config file \(file.path), \(problem);"), "\(outcome.stderrText)")
        #expect(!outcome.stderrText.contains(Self.key))
        #expect(outcome.stderrText.filter { $0 == "\n" }.count == 1)
    }

    @Test func aBrokenConfigStandsInTheWayOnlyWhenAKeyIsNeeded() throws {
        let (folder, file) = try config("not a setting\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try remix(["voices", "--backend", "local"], config: file)
        #expect(local.status == 0, "\(local.stderrText)")
        #expect(local.stdoutText.hasPrefix("VOICE ID"))
        let chosenByKey = try remix(["voices"], config: file)
        #expect(chosenByKey.status != 0)
        #expect(chosenByKey.stderrText.hasPrefix("error: refusing to read the API key from \(file.path): its mode is 644"))
    }
}
