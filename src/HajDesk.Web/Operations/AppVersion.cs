using System.Reflection;

namespace HajDesk.Web.Operations;

/// <summary>
/// The build's version: the semantic version of <c>Directory.Build.props</c> and the git commit the build was made
/// from, which the SDK writes into the assembly's informational version (<c>1.0.0+&lt;commit&gt;</c>, the
/// <c>SourceRevisionId</c>). Shown by <c>--version</c>, in <c>/health/ready</c>'s body, in the staff footer and as the
/// <c>hajdesk_build_info</c> metric.
/// </summary>
public static class AppVersion
{
    private static readonly string Informational = typeof(AppVersion).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The semantic version, e.g. <c>1.0.0</c>.</summary>
    public static string Version { get; } = Informational.Split('+', 2)[0];

    /// <summary>The full git commit of the build, or <c>unknown</c> when it was built outside a git checkout.</summary>
    public static string Commit { get; } = Informational.Split('+', 2) is [_, var commit] && commit.Length > 0 ? commit : "unknown";

    /// <summary>What people read: <c>1.0.0+0123456789ab</c> (the commit shortened to twelve characters).</summary>
    public static string Text { get; } = Commit == "unknown" ? Version : $"{Version}+{(Commit.Length > 12 ? Commit[..12] : Commit)}";
}
