// `make bench`: each benchmark prints its figures next to a reference measured in the same run.
try runPlaybackBenchmark()
