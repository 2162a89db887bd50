using HajDesk.Core.Captcha;
using HajDesk.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Finds the <see cref="CaptchaAnswerKey"/>, which must never be stored in the database it protects:
/// <list type="bullet">
/// <item><c>Captcha:AnswerKey</c> when set (base64, at least 32 bytes; the same on every node);</item>
/// <item>with PostgreSQL outside Development and Testing, nothing else: start-up fails naming the setting, because
/// nodes that each made up a key would reject each other's challenges;</item>
/// <item>with the embedded SQLite database, a key generated once into <see cref="CaptchaOptions.KeyFileName"/> in the
/// database file's folder (one process owns that file, so one key file serves it);</item>
/// <item>with PostgreSQL in Development and Testing, a key made up for the process.</item>
/// </list>
/// </summary>
internal static class CaptchaKeys
{
    private const string Setting = $"{CaptchaOptions.Section}:{nameof(CaptchaOptions.AnswerKey)}";

    public static CaptchaAnswerKey Resolve(string? configured, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return CaptchaAnswerKey.FromBase64(configured) ?? throw Invalid(
                $"{Setting} is not a base64 key of at least {CaptchaAnswerKey.MinimumBytes} bytes. " +
                "Make one with: openssl rand -base64 32");
        }

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.IsPostgres)
        {
            return environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? new CaptchaAnswerKey(Convert.FromBase64String(CaptchaAnswerKey.NewBase64()))
                : throw Invalid(
                    $"{Setting} is required when Database:Provider is 'Postgres': give every node the same key " +
                    "(base64, at least 32 bytes; make one with: openssl rand -base64 32). It must not be kept in the database.");
        }

        var dataSource = new SqliteConnectionStringBuilder(
            DatabaseSetup.SqliteConnectionString(database.ConnectionString, environment.ContentRootPath)).DataSource;
        var folder = Path.GetDirectoryName(dataSource);
        return dataSource == ":memory:" || string.IsNullOrEmpty(folder)
            ? new CaptchaAnswerKey(Convert.FromBase64String(CaptchaAnswerKey.NewBase64()))
            : FromFile(Path.Combine(folder, CaptchaOptions.KeyFileName));
    }

    /// <summary>Reads the key file, or creates it readable by the app's user only if it does not exist yet.</summary>
    internal static CaptchaAnswerKey FromFile(string path)
    {
        if (!File.Exists(path))
        {
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path: temporary, options))
            {
                writer.Write(CaptchaAnswerKey.NewBase64());
            }

            try
            {
                // Whoever moves first wins; a second process starting at the same moment reads the winner's key.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return CaptchaAnswerKey.FromBase64(File.ReadAllText(path)) ?? throw Invalid(
            $"The security-code key file '{path}' is not a base64 key of at least {CaptchaAnswerKey.MinimumBytes} " +
            $"bytes. Delete it to have a new one made (security codes shown at that moment stop working), or set {Setting}.");
    }

    private static OptionsValidationException Invalid(string message) =>
        new(CaptchaOptions.Section, typeof(CaptchaOptions), [message]);
}
