using System.ComponentModel.DataAnnotations;
using HajDesk.Core.Staff;
using HajDesk.Core.Staff.Directory;

namespace HajDesk.Web.Staff.Directory;

/// <summary>How the transport to the directory is protected.</summary>
public enum DirectorySecurity
{
    /// <summary>Plain LDAP (port 389): only on a trusted network or the loopback address.</summary>
    None,

    /// <summary>LDAP on port 389 upgraded with the StartTLS extended operation before any bind.</summary>
    StartTls,

    /// <summary>LDAP over TLS from the first byte (LDAPS, port 636).</summary>
    Ldaps,
}

/// <summary>
/// Staff sign-in from the organisation's directory (OpenLDAP or Active Directory). Section <c>Directory</c>; off
/// unless <see cref="Enabled"/>. See docs/operations.md#staff-directory-ldap--active-directory.
/// </summary>
public sealed class DirectoryOptions : IValidatableObject
{
    public const string Section = "Directory";

    public bool Enabled { get; set; }

    /// <summary>The directory server's host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>The port; default 389 (636 with <see cref="DirectorySecurity.Ldaps"/>).</summary>
    public int? Port { get; set; }

    public DirectorySecurity Security { get; set; } = DirectorySecurity.StartTls;

    /// <summary>The service account that searches the directory (it never signs anyone in).</summary>
    public string? BindDn { get; set; }

    /// <summary>The service account's password. Keep it out of files (environment or systemd credential).</summary>
    public string? BindPassword { get; set; }

    /// <summary>Where staff entries are searched (subtree), e.g. <c>ou=people,dc=hajj,dc=ir</c>.</summary>
    public string? UserSearchBase { get; set; }

    /// <summary>The filter that finds one entry by the typed user name; <c>{0}</c> is the escaped name.</summary>
    public string UserFilter { get; set; } = "(uid={0})";

    /// <summary>Attribute with the person's display name; <c>cn</c> is used when it is empty.</summary>
    public string DisplayNameAttribute { get; set; } = "displayName";

    /// <summary>Attribute with the e-mail address.</summary>
    public string EmailAttribute { get; set; } = "mail";

    /// <summary>
    /// Where group memberships come from: when <see cref="GroupSearchBase"/> is set, groups are searched there with
    /// <see cref="GroupFilter"/>; otherwise the user entry's <see cref="MemberOfAttribute"/> is read.
    /// </summary>
    public string MemberOfAttribute { get; set; } = "memberOf";

    public string? GroupSearchBase { get; set; }

    /// <summary>Filter for the user's groups; <c>{0}</c> is the user's escaped distinguished name.</summary>
    public string GroupFilter { get; set; } = "(member={0})";

    /// <summary>How often (minutes) a signed-in directory account is looked up again; 1 to 60, default 5.</summary>
    [Range(1, 60, ErrorMessage = "Directory:RecheckMinutes must be between 1 and 60.")]
    public int RecheckMinutes { get; set; } = 5;

    /// <summary>How long one directory operation may take (seconds); 1 to 60, default 5.</summary>
    [Range(1, 60, ErrorMessage = "Directory:TimeoutSeconds must be between 1 and 60.")]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Group distinguished name → role, province and subjects. At least one when enabled.</summary>
    public List<DirectoryGroupOption> Groups { get; set; } = [];

    internal int EffectivePort => Port ?? (Security == DirectorySecurity.Ldaps ? 636 : 389);

    internal TimeSpan Recheck => TimeSpan.FromMinutes(RecheckMinutes);

    internal IReadOnlyList<DirectoryGroupMapping> Mappings =>
        Groups.Select(g => new DirectoryGroupMapping(g.Group ?? string.Empty, g.Role, g.Province, g.Subjects)).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        foreach (var (value, name) in new[] { (Host, nameof(Host)), (BindDn, nameof(BindDn)), (BindPassword, nameof(BindPassword)), (UserSearchBase, nameof(UserSearchBase)) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"Directory:{name} is required when Directory:Enabled is true.", [name]);
            }
        }

        if (Port is < 1 or > 65535)
        {
            yield return new ValidationResult($"Directory:Port must be between 1 and 65535, got {Port}.", [nameof(Port)]);
        }

        if (!LdapFilter.IsTemplate(UserFilter))
        {
            yield return new ValidationResult(
                $"Directory:UserFilter '{UserFilter}' must be a filter in parentheses with the placeholder {{0}}, e.g. (uid={{0}}) or (sAMAccountName={{0}}).",
                [nameof(UserFilter)]);
        }

        if (!string.IsNullOrWhiteSpace(GroupSearchBase) && !LdapFilter.IsTemplate(GroupFilter))
        {
            yield return new ValidationResult(
                $"Directory:GroupFilter '{GroupFilter}' must be a filter in parentheses with the placeholder {{0}}, e.g. (member={{0}}).",
                [nameof(GroupFilter)]);
        }

        if (string.IsNullOrWhiteSpace(GroupSearchBase) && string.IsNullOrWhiteSpace(MemberOfAttribute))
        {
            yield return new ValidationResult(
                "Directory:MemberOfAttribute is required when Directory:GroupSearchBase is not set.", [nameof(MemberOfAttribute)]);
        }

        if (Groups.Count == 0)
        {
            yield return new ValidationResult(
                "Directory:Groups must map at least one directory group to a role when Directory:Enabled is true.", [nameof(Groups)]);
        }

        for (var i = 0; i < Groups.Count; i++)
        {
            var g = Groups[i];
            var key = $"Directory:Groups:{i}";
            if (string.IsNullOrWhiteSpace(g.Group))
            {
                yield return new ValidationResult($"{key}:Group (the group's distinguished name) is required.", [nameof(Groups)]);
            }

            if (!Enum.IsDefined(g.Role))
            {
                yield return new ValidationResult($"{key}:Role must be Expert, Supervisor or Administrator.", [nameof(Groups)]);
            }
            else if (g.Role == StaffRole.Administrator && !string.IsNullOrWhiteSpace(g.Province))
            {
                yield return new ValidationResult($"{key}:Province must be empty for the Administrator role (administrators cover every province).", [nameof(Groups)]);
            }
            else if (g.Role != StaffRole.Administrator && string.IsNullOrWhiteSpace(g.Province))
            {
                yield return new ValidationResult($"{key}:Province (a province code, e.g. Tehran) is required for the {g.Role} role.", [nameof(Groups)]);
            }

            if (g.Subjects.Count > 0 && g.Role != StaffRole.Expert)
            {
                yield return new ValidationResult($"{key}:Subjects may only be given for the Expert role.", [nameof(Groups)]);
            }
        }
    }
}

/// <summary>One entry of <c>Directory:Groups</c>.</summary>
public sealed class DirectoryGroupOption
{
    /// <summary>The group's distinguished name, e.g. <c>cn=hajdesk-tehran-experts,ou=groups,dc=hajj,dc=ir</c>.</summary>
    public string? Group { get; set; }

    public StaffRole Role { get; set; }

    /// <summary>The province's code (as in the provinces table, e.g. <c>Tehran</c>); empty for administrators.</summary>
    public string? Province { get; set; }

    /// <summary>For experts: the main subjects' ids they are limited to; empty means every subject.</summary>
    public List<int> Subjects { get; set; } = [];
}
