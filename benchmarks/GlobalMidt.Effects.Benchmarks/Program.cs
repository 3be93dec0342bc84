using BenchmarkDotNet.Running;

// Runs the benchmarks chosen with --filter, e.g.:
//   dotnet run -c Release --project benchmarks/GlobalMidt.Effects.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
