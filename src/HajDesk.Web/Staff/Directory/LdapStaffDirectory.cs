using System.DirectoryServices.Protocols;
using System.Net;
using HajDesk.Core.Staff.Directory;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Staff.Directory;

/// <summary>What the directory said about a user name.</summary>
public enum DirectoryOutcome
{
    /// <summary>The entry exists (and, at sign-in, the password bound as it).</summary>
    Found,

    /// <summary>No entry, or more than one, matches the user name.</summary>
    NotFound,

    /// <summary>The entry exists but the password did not bind (also how AD answers a disabled or expired account).</summary>
    WrongPassword,

    /// <summary>The directory could not be reached or refused the service account.</summary>
    Unavailable,
}

/// <summary>A staff member's entry as the directory has it.</summary>
public sealed record DirectoryPerson(string Dn, string? DisplayName, string? Email, IReadOnlyList<string> Groups, bool IsDisabled);

public sealed record DirectoryAnswer(DirectoryOutcome Outcome, DirectoryPerson? Person = null);

/// <summary>
/// Talks LDAP v3 to the directory with <c>System.DirectoryServices.Protocols</c> (OpenLDAP's libldap on Linux):
/// the service account searches, the user's own DN binds with the typed password. Typed values reach a filter only
/// through <see cref="LdapFilter.Fill"/> (RFC 4515 escaping). Nothing typed and no password is ever logged.
/// </summary>
public sealed partial class LdapStaffDirectory(IOptionsMonitor<DirectoryOptions> options, TimeProvider time, ILogger<LdapStaffDirectory> logger)
{
    /// <summary>After a failure, session re-checks on this node wait this long before asking the directory again.</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromSeconds(30);

    private const int InvalidCredentials = 49;

    private long unavailableUntilTicks;

    /// <summary>Finds the user with the service account and binds as them with <paramref name="password"/>.</summary>
    public Task<DirectoryAnswer> AuthenticateAsync(string userName, string password, CancellationToken cancellationToken) =>
        Task.Run(() => Run(userName, password), cancellationToken);

    /// <summary>
    /// Looks the user up again with the service account (a signed-in session's re-check). Within
    /// <see cref="Backoff"/> of a failure on this node it answers <see cref="DirectoryOutcome.Unavailable"/> at once.
    /// </summary>
    public Task<DirectoryAnswer> LookUpAsync(string userName, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref unavailableUntilTicks))
        {
            return Task.FromResult(new DirectoryAnswer(DirectoryOutcome.Unavailable));
        }

        return Task.Run(() => Run(userName, password: null), cancellationToken);
    }

    private DirectoryAnswer Run(string userName, string? password)
    {
        var o = options.CurrentValue;
        if (password is { Length: 0 })
        {
            // An empty password would be an anonymous ("unauthenticated") bind, which succeeds: never try it.
            return new DirectoryAnswer(DirectoryOutcome.WrongPassword);
        }

        string step = "service bind";
        try
        {
            using var service = Connect(o, new NetworkCredential(o.BindDn, o.BindPassword));
            step = "user search";
            var entry = FindUser(service, o, userName);
            if (entry is null)
            {
                return new DirectoryAnswer(DirectoryOutcome.NotFound);
            }

            if (password is not null)
            {
                step = "user bind";
                try
                {
                    using var asUser = Connect(o, new NetworkCredential(entry.DistinguishedName, password));
                }
                catch (LdapException e) when (e.ErrorCode == InvalidCredentials)
                {
                    return new DirectoryAnswer(DirectoryOutcome.WrongPassword);
                }
            }

            step = "group search";
            var person = new DirectoryPerson(
                entry.DistinguishedName,
                First(entry, o.DisplayNameAttribute) ?? First(entry, "cn"),
                First(entry, o.EmailAttribute),
                Groups(service, o, entry),
                DirectoryGroupMap.IsDisabled(First(entry, "userAccountControl"), First(entry, "pwdAccountLockedTime")));
            Interlocked.Exchange(ref unavailableUntilTicks, 0);
            return new DirectoryAnswer(DirectoryOutcome.Found, person);
        }
        catch (Exception e) when (e is DirectoryException or InvalidOperationException or DllNotFoundException or PlatformNotSupportedException)
        {
            Interlocked.Exchange(ref unavailableUntilTicks, (time.GetUtcNow() + Backoff).UtcTicks);
            var code = e is LdapException l ? l.ErrorCode : e is DirectoryOperationException d ? (int?)d.Response?.ResultCode : null;
            LogUnavailable(logger, step, o.Host, o.EffectivePort, code, e.GetType().Name, e.Message);
            return new DirectoryAnswer(DirectoryOutcome.Unavailable);
        }
    }

    private static LdapConnection Connect(DirectoryOptions o, NetworkCredential credential)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(o.Host, o.EffectivePort), credential, AuthType.Basic);
        try
        {
            connection.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
            connection.SessionOptions.ProtocolVersion = 3;
            // Active Directory answers searches at a domain's root with referrals; following them hangs without a DNS
            // that knows the other domains.
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (o.Security == DirectorySecurity.Ldaps)
            {
                connection.SessionOptions.SecureSocketLayer = true;
            }
            else if (o.Security == DirectorySecurity.StartTls)
            {
                connection.SessionOptions.StartTransportLayerSecurity(null);
            }

            connection.Bind();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SearchResultEntry? FindUser(LdapConnection service, DirectoryOptions o, string userName)
    {
        var attributes = new[] { o.DisplayNameAttribute, "cn", o.EmailAttribute, o.MemberOfAttribute, "userAccountControl", "pwdAccountLockedTime" }
            .Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var request = new SearchRequest(o.UserSearchBase, LdapFilter.Fill(o.UserFilter, userName), SearchScope.Subtree, attributes)
        {
            SizeLimit = 2,
            TimeLimit = TimeSpan.FromSeconds(o.TimeoutSeconds),
        };
        SearchResponse response;
        try
        {
            response = (SearchResponse)service.SendRequest(request);
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.SizeLimitExceeded)
        {
            return null; // two entries answer to the name: sign nobody in
        }

        return response.Entries.Count == 1 ? response.Entries[0] : null;
    }

    private static List<string> Groups(LdapConnection service, DirectoryOptions o, SearchResultEntry user)
    {
        if (string.IsNullOrWhiteSpace(o.GroupSearchBase))
        {
            return Values(user, o.MemberOfAttribute).ToList();
        }

        var request = new SearchRequest(o.GroupSearchBase, LdapFilter.Fill(o.GroupFilter, user.DistinguishedName), SearchScope.Subtree, "1.1")
        {
            TimeLimit = TimeSpan.FromSeconds(o.TimeoutSeconds),
        };
        var response = (SearchResponse)service.SendRequest(request);
        return response.Entries.Cast<SearchResultEntry>().Select(e => e.DistinguishedName).ToList();
    }

    private static string? First(SearchResultEntry entry, string? attribute) =>
        Values(entry, attribute).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static IEnumerable<string> Values(SearchResultEntry entry, string? attribute)
    {
        if (string.IsNullOrWhiteSpace(attribute))
        {
            return [];
        }

        foreach (string name in entry.Attributes.AttributeNames)
        {
            if (string.Equals(name, attribute, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Attributes[name].GetValues(typeof(string)).Cast<string>();
            }
        }

        return [];
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Directory unavailable at the {Step} ({Host}:{Port}): LDAP result {Code}, {Error}: {Detail}")]
    private static partial void LogUnavailable(ILogger logger, string step, string? host, int port, int? code, string error, string detail);
}
