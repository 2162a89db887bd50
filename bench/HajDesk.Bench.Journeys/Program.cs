using HajDesk.Bench.Journeys;

// One tool in three roles, so that one build serves bench/journeys.sh:
//   bare --urls URL                          a minimal ASP.NET Core app returning a small HTML page (a denominator)
//   sqlite-commits --file F --seconds S      durable single-row INSERT transactions, one writer; prints commits/s
//   sqlite-exec --file F --sql S             runs one SQL text on a SQLite file (the benchmark's set-up)
//   load --app URL --app-pid N ...           the closed-loop load generator over the citizens' journeys
return args.FirstOrDefault() switch
{
    "bare" => await BarePage.RunAsync(args[1..]),
    "sqlite-commits" => await SqliteCommits.RunAsync(Arguments.Parse(args[1..])),
    "sqlite-exec" => await SqliteCommits.ExecAsync(Arguments.Parse(args[1..])),
    "load" => await LoadCommand.RunAsync(Arguments.Parse(args[1..])),
    "crash-drill" => await CrashDrill.RunAsync(Arguments.Parse(args[1..])),
    "rolling-drill" => await RollingDrill.RunAsync(Arguments.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HajDesk.Bench.Journeys bare --urls URL | sqlite-commits --file FILE --seconds S | load --app URL --app-pid PID ...");
    Console.Error.WriteLine("Run it through bench/journeys.sh, which builds, starts and stops everything.");
    return 2;
}
