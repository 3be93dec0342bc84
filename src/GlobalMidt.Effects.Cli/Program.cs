using GlobalMidt.Effects.Cli;

return CliApp.Run(args, Console.Out, Console.Error, CliHost.Console);
