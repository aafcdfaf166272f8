using BenchmarkDotNet.Running;
using EventsBlog.Benchmarks;

// dotnet run -c Release --project tests/EventsBlog.Benchmarks -- --filter '*'
// dotnet EventsBlog.Benchmarks.dll serve-bytes FILE CONTENT-TYPE PORT   (used by load.sh)
if (args is ["serve-bytes", ..])
    return ServeBytes.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(ContentBenchmarks).Assembly).Run(args);
return 0;
