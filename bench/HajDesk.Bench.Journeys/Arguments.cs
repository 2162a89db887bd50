using System.Globalization;

namespace HajDesk.Bench.Journeys;

/// <summary><c>--name value</c> pairs from the command line.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            parsed.values[args[i][2..]] = args[++i];
        }

        return parsed;
    }

    public string Get(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public int GetInt(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) =>
        values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
