namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>
/// Where the browser, the checkers and the artifacts are. <c>./test.sh</c> exports the <c>HAJDESK_*</c> variables;
/// without them the defaults below are used (Debian's Chromium, <c>node_modules</c> after <c>npm ci</c>).
/// A missing tool fails every browser test with a message saying how to get it: these tests never skip.
/// </summary>
public static class TestPaths
{
    /// <summary>The repository root: the folder holding <c>HajDesk.slnx</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Chromium => Environment.GetEnvironmentVariable("HAJDESK_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    public static string VnuJar => Environment.GetEnvironmentVariable("HAJDESK_VNU_JAR") is { Length: > 0 } path
        ? path
        : Path.Combine(RepositoryRoot, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public static string AxeJs => Environment.GetEnvironmentVariable("HAJDESK_AXE_JS") is { Length: > 0 } path
        ? path
        : Path.Combine(RepositoryRoot, "node_modules", "axe-core", "axe.min.js");

    public static string Artifacts => Environment.GetEnvironmentVariable("HAJDESK_ARTIFACTS") is { Length: > 0 } path
        ? path
        : Path.Combine(RepositoryRoot, "artifacts");

    public static string Screenshots => Path.Combine(Artifacts, "screenshots");

    /// <summary>The server's HTML of every page state, as checked by the Nu Html Checker.</summary>
    public static string Html => Path.Combine(Artifacts, "html");

    /// <summary>Throws, naming every missing tool and how to install it.</summary>
    public static void RequireTools()
    {
        var problems = new List<string>();
        if (!File.Exists(Chromium))
        {
            problems.Add($"Chromium not found at '{Chromium}' (HAJDESK_CHROMIUM). Install Debian's: apt-get install -y chromium. " +
                "Never use 'playwright install'.");
        }

        if (!File.Exists(VnuJar))
        {
            problems.Add($"The Nu Html Checker was not found at '{VnuJar}' (HAJDESK_VNU_JAR). Run 'npm ci --ignore-scripts' in the repository root.");
        }

        if (!OnPath("java"))
        {
            problems.Add("java was not found on PATH (the Nu Html Checker needs it). Install it: apt-get install -y openjdk-17-jre-headless.");
        }

        if (!File.Exists(AxeJs))
        {
            problems.Add($"axe-core was not found at '{AxeJs}' (HAJDESK_AXE_JS). Run 'npm ci --ignore-scripts' in the repository root.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The browser tests cannot run:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HajDesk.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"HajDesk.slnx was not found above '{AppContext.BaseDirectory}'.");
    }
}
