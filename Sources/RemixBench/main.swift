// `make bench`: each benchmark prints its figures next to a reference measured in the same run.
// `remix-bench playback` (or engine, server, workbench) runs only the benchmarks named.
let chosen = Set(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { chosen.isEmpty || chosen.contains(name) }

if wanted("engine") {
    try await runEngineBenchmark()
    print()
}
if wanted("server") {
    try await runServerBenchmark()
    print()
    try await runServerLoadBenchmark()
    print()
}
if wanted("playback") {
    try runPlaybackBenchmark()
    print()
}
if wanted("workbench") {
    try runWorkbenchBenchmark()
}
