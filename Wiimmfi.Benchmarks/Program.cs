using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Wiimmfi.Benchmarks;

// dotnet run -c Release --project Wiimmfi.Benchmarks -- --quick        headline figures in seconds
// dotnet run -c Release --project Wiimmfi.Benchmarks -- --persistence  journal write and recovery figures (SQLite, PostgreSQL)
// dotnet run -c Release --project Wiimmfi.Benchmarks -- --match-memory [hosts] [negotiations]  memory per QR2 host and per open NATNEG negotiation
// dotnet run -c Release --project Wiimmfi.Benchmarks -- --entities     persistent entities: table heartbeats/s, NATNEG negotiations/s
// dotnet run -c Release --project Wiimmfi.Benchmarks -- --filter '*'   full BenchmarkDotNet run
// add --short for BenchmarkDotNet's short job (3 warm-ups, 3 iterations)
// dotnet run -c Release --project Wiimmfi.Benchmarks -- sake seed|explain|costs|summary ...   SAKE figures' database side (Sake/)
if (args.Length > 0 && args[0] == "sake")
{
    Environment.ExitCode = await Wiimmfi.Benchmarks.Sake.SakeCommand.RunAsync(args[1..], Console.Out, Console.Error);
    return;
}
if (args.Contains("--persistence"))
{
    await PersistenceQuickRun.RunAsync(Console.Out, args);
    return;
}
if (args.Contains("--match-memory"))
{
    await MatchMemoryRun.RunAsync(Console.Out, args);
    return;
}
if (args.Contains("--entities"))
{
    await EntityPersistenceQuickRun.RunAsync(Console.Out);
    return;
}
if (args.Contains("--quick"))
{
    await QuickRun.RunAsync(Console.Out);
    return;
}

// In-process toolchain: BenchmarkDotNet 0.14 does not know how to build a separate net10.0 project.
var job = args.Contains("--short") ? Job.ShortRun : Job.Default;
var config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(QuickRun).Assembly).Run(args.Where(a => a != "--short").ToArray(), config);
