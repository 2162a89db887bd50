using HajDesk.Core.ApiKeys;
using HajDesk.Core.Data;
using HajDesk.Web.Staff;

namespace HajDesk.Web.Open311;

/// <summary>
/// <c>dotnet HajDesk.Web.dll create-api-key --name NAME</c>: issues an API key and prints it (once; only its hash
/// is stored), for automated deployments. The audit log records the issue.
/// </summary>
public static class CreateApiKeyCommand
{
    public const string Name = "create-api-key";

    public const string Usage = "Usage: create-api-key --name NAME";

    /// <summary>Takes <c>--name X</c> or <c>--name=X</c> out of <paramref name="args"/>; the rest goes to the host.</summary>
    public static bool TryParse(string[] args, out string? keyName, out string[] rest, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        keyName = null;
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (key, inline) = args[i].Split('=', 2) is [var k, var v] ? (k, v) : (args[i], null);
            if (key == "--name")
            {
                keyName = inline ?? (i + 1 < args.Length ? args[++i] : null);
            }
            else
            {
                others.Add(args[i]);
            }
        }

        rest = [.. others];
        var (name, problem) = ApiKeyService.CheckName(keyName);
        error = string.IsNullOrWhiteSpace(keyName) ? Usage : problem;
        keyName = error is null ? name : null;
        return error is null;
    }

    /// <summary>Issues the key and writes it to <paramref name="output"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string keyName, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        var (row, key) = scope.ServiceProvider.GetRequiredService<ApiKeyService>().Issue(keyName, Name);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AuditLog>().AddFor(null, Name, AuditActions.ApiKeyCreate, null, $"«{row.Name}» ({row.Prefix}…)");
        await db.SaveChangesAsync();
        await output.WriteLineAsync(key);
        return 0;
    }
}
