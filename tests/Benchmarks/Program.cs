using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GenderArchitecture.Benchmarks;

// In-process: the benchmark runs inside this build (no generated project), on the cached national database,
// which is generated first (a few minutes, once) so that its generation is not timed as a benchmark's setup.
await NationalDatabase.EnsureAsync();
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(NationalAggregateBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
