using HajDesk.Web.Open311;
using HajDesk.Web.Staff;

namespace HajDesk.Web.Operations;

/// <summary>
/// What an operator expects of the command line before any host is built: <c>--help</c> (the commands and the main
/// settings) and <c>--version</c>; and where the app finds itself: its content root (appsettings, the demo registry,
/// relative paths such as the SQLite file) is the folder of <c>HajDesk.Web.dll</c>, wherever the process is started
/// from, unless <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> names another.
/// </summary>
public static class HostCommandLine
{
    /// <summary>The host setting that names the content root (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>).</summary>
    public const string ContentRootSetting = "contentRoot";

    /// <summary>
    /// Answers <c>--help</c>/<c>-h</c>/<c>help</c> and <c>--version</c> when they are the first argument; returns the
    /// exit code, or <c>null</c> when the arguments are for the host or a command.
    /// </summary>
    public static int? TryAnswer(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        switch (args.FirstOrDefault())
        {
            case "--help" or "-h" or "-?" or "help":
                output.Write(Help());
                return 0;
            case "--version":
                output.WriteLine($"HajDesk {AppVersion.Version} (commit {AppVersion.Commit})");
                return 0;
            default:
                return null;
        }
    }

    /// <summary>
    /// The host's options: the content root is the app's own folder (<see cref="AppContext.BaseDirectory"/>) unless
    /// the command line or the environment names one, which then wins as usual.
    /// </summary>
    public static WebApplicationOptions Options(string[] hostArgs) => new()
    {
        Args = hostArgs,
        ContentRootPath = ExplicitContentRoot(hostArgs) is null ? AppContext.BaseDirectory : null,
    };

    /// <summary>The content root named by the command line or the environment, as the host itself reads them.</summary>
    public static string? ExplicitContentRoot(string[] hostArgs)
    {
        var settings = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(hostArgs)
            .Build();
        var named = settings[ContentRootSetting];
        return string.IsNullOrWhiteSpace(named) ? null : named;
    }

    /// <summary>The text of <c>--help</c>.</summary>
    public static string Help() => $"""
        HajDesk {AppVersion.Text} — the electronic service desk of the Hajj and Pilgrimage Organization.

        Usage: dotnet HajDesk.Web.dll [COMMAND] [--Setting:Name value ...]

        Commands (the first argument):
          (none)                 serve HTTP until stopped; on SIGTERM or Ctrl+C it stops taking connections,
                                 finishes the requests in flight (at most Shutdown:TimeoutSeconds) and exits
          migrate                apply the database migrations and seed reference data, then exit
                                 (a deployment step on PostgreSQL)
          {CreateAdminCommand.Name,-22} --user NAME --name "DISPLAY NAME": create an administrator; the password
                                 comes from {CreateAdminCommand.PasswordVariable} or standard input
          {ResetAdminCommand.Name,-22} --user NAME: a locked-out administrator's new password (from
                                 {CreateAdminCommand.PasswordVariable} or standard input), two-factor sign-in off
          {CreateApiKeyCommand.Name,-22} --name NAME: print a new Open311 API key (shown once, stored hashed)
          --help, -h             this text
          --version              the version and the git commit of this build

        Settings come from appsettings.json and appsettings.<environment>.json in the content root, then
        environment variables (Database__Provider=Postgres), then the command line (--Database:Provider Postgres);
        a later source wins. A wrong setting stops start-up with a message naming it. The main ones:
          --urls, ASPNETCORE_URLS                public address(es); default http://localhost:5080
          ASPNETCORE_ENVIRONMENT                 Production (the default), Development, Testing
          --contentRoot, ASPNETCORE_CONTENTROOT  folder of the appsettings files, the demo registry and relative
                                                 paths; default: the app's own folder ({AppContext.BaseDirectory})
          Database:Provider                      Sqlite (default) or Postgres
          Database:ConnectionString              default Data Source=data/hajdesk.db (under the content root)
          Database:MigrateAtStartup              PostgreSQL: migrate at start-up instead of `migrate`
          Captcha:AnswerKey                      base64 key of 32+ bytes, the same on every node (PostgreSQL)
          CivilRegistry:Mode, :BaseUrl, :ApiKey  the civil registry (Demo or Http)
          Notifications:*                        SMS gateway and SMTP; recording senders by default
          Directory:*                            staff sign-in from LDAP / Active Directory (off by default)
          ReverseProxy:KnownProxies, :KnownNetworks  proxies whose X-Forwarded-* headers are believed
          DataProtection:CertificatePath         certificate encrypting the key ring at rest (Production needs it)
          Management:Urls                        address of /metrics and /health/* (e.g. http://127.0.0.1:9464)
          Logging:Json                           true: one JSON object a line on the console (journald, shippers)
          Shutdown:TimeoutSeconds                how long requests in flight may take to finish on stop (30)

        Every setting: README.md ("Configure production") and docs/operations.md.

        """;
}
