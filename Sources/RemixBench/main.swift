// `make bench`: each benchmark prints its figures next to a reference measured in the same run.
try await runEngineBenchmark()
print()
try await runServerBenchmark()
print()
try runPlaybackBenchmark()
