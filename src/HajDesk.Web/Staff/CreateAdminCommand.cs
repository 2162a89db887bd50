using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Identity;

namespace HajDesk.Web.Staff;

/// <summary>
/// <c>dotnet HajDesk.Web.dll create-admin --user NAME --name "DISPLAY NAME"</c>: creates an administrator. The
/// password comes from the environment variable <c>HAJDESK_ADMIN_PASSWORD</c> or from standard input, never from
/// the command line (which other users of the machine can read in the process list).
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public const string PasswordVariable = "HAJDESK_ADMIN_PASSWORD";

    public const string Usage =
        "Usage: create-admin --user NAME --name \"DISPLAY NAME\"  (password from HAJDESK_ADMIN_PASSWORD or standard input)";

    /// <summary>The command's own options.</summary>
    public sealed record Arguments(string UserName, string DisplayName);

    /// <summary>
    /// Takes <c>--user</c> and <c>--name</c> (as <c>--user X</c> or <c>--user=X</c>) out of
    /// <paramref name="args"/>; the rest goes on to the host as usual. A <c>--password</c> option is refused.
    /// </summary>
    public static bool TryParse(string[] args, out Arguments? arguments, out string[] rest, out string? error)
    {
        var parsed = TakeOptions(args, ["--user", "--name"], out rest, out error);
        var user = parsed.GetValueOrDefault("--user");
        var name = parsed.GetValueOrDefault("--name");
        if (error is null && (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(name)))
        {
            error = Usage;
        }

        arguments = error is null ? new Arguments(user!.Trim(), name!.Trim()) : null;
        return arguments is not null;
    }

    /// <summary>
    /// Takes the options <paramref name="names"/> (as <c>--user X</c> or <c>--user=X</c>) out of <paramref name="args"/>
    /// for a staff command; the rest goes on to the host. A <c>--password</c> option is refused with an error.
    /// </summary>
    internal static Dictionary<string, string?> TakeOptions(string[] args, IReadOnlyCollection<string> names, out string[] rest, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var others = new List<string>();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var (key, inlineValue) = arg.Split('=', 2) is [var k, var v] ? (k, v) : (arg, null);
            if (key is "--password" or "-p")
            {
                error = $"The password is never taken from the command line. Set {PasswordVariable} or pipe it to standard input.";
                break;
            }

            if (!names.Contains(key))
            {
                others.Add(arg);
                continue;
            }

            values[key] = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
        }

        rest = [.. others];
        return values;
    }

    /// <summary>Creates the administrator; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, Arguments arguments, TextReader input, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var password = ReadPassword(input, output);
        if (string.IsNullOrEmpty(password))
        {
            await errors.WriteLineAsync($"No password: set {PasswordVariable} or write it to standard input.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        if (await users.FindByNameAsync(arguments.UserName) is not null)
        {
            await errors.WriteLineAsync($"A staff account named '{arguments.UserName}' already exists.");
            return 1;
        }

        var user = new StaffUser
        {
            UserName = arguments.UserName,
            DisplayName = arguments.DisplayName.Length <= 200 ? arguments.DisplayName : arguments.DisplayName[..200],
            Role = StaffRole.Administrator,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            await errors.WriteLineAsync("The administrator was not created:");
            foreach (var problem in result.Errors)
            {
                await errors.WriteLineAsync("  " + problem.Description);
            }

            return 1;
        }

        await audit.WriteForAsync(null, "(command line)", AuditActions.CreateAdmin, $"مدیر سامانه «{user.UserName}» ساخته شد.");
        await output.WriteLineAsync($"Administrator '{user.UserName}' created.");
        return 0;
    }

    /// <summary>The password from <see cref="PasswordVariable"/>, else from standard input (twice, unechoed, at a terminal).</summary>
    internal static string? ReadPassword(TextReader input, TextWriter output)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PasswordVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return input.ReadLine()?.TrimEnd('\r', '\n');
        }

        // A person at a terminal: read without echo, twice.
        var first = ReadHidden(output, "Password: ");
        var second = ReadHidden(output, "Repeat the password: ");
        if (first != second)
        {
            output.WriteLine("The passwords differ.");
            return null;
        }

        return first;
    }

    private static string ReadHidden(TextWriter output, string prompt)
    {
        output.Write(prompt);
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (builder.Length > 0)
                {
                    builder.Length--;
                }

                continue;
            }

            builder.Append(key.KeyChar);
        }

        output.WriteLine();
        return builder.ToString();
    }
}
