using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/EventsBlog.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(EventsBlog.Benchmarks.ContentBenchmarks).Assembly).Run(args);
