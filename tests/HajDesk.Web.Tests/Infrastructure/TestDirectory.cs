using System.DirectoryServices.Protocols;
using System.Net;

namespace HajDesk.Web.Tests.Infrastructure;

/// <summary>
/// The test OpenLDAP server that <c>./test.sh</c> starts (<c>scripts/test-ldap.sh</c>): its address and passwords
/// from <c>HAJDESK_TEST_LDAP_*</c> (their absence fails the test), the app's <c>Directory</c> settings for it, and
/// the administrator's changes a test makes to people and groups.
/// </summary>
public static class TestDirectory
{
    public const string Suffix = "dc=hajdesk,dc=test";
    public const string People = "ou=people," + Suffix;
    public const string GroupsBase = "ou=groups," + Suffix;
    public const string AdminDn = "cn=admin," + Suffix;
    public const string ServiceDn = "cn=hajdesk,ou=services," + Suffix;

    public const string Admins = "cn=hajdesk-admins," + GroupsBase;
    public const string TehranSupervisors = "cn=hajdesk-tehran-supervisors," + GroupsBase;
    public const string TehranExperts = "cn=hajdesk-tehran-experts," + GroupsBase;
    public const string IsfahanExperts = "cn=hajdesk-isfahan-experts," + GroupsBase;

    /// <summary>A seeded group that no mapping names.</summary>
    public const string OtherStaff = "cn=other-staff," + GroupsBase;

    public const string Password = "Directory-Passw0rd";

    public static int Port => int.Parse(Required("HAJDESK_TEST_LDAP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A user name no other test uses.</summary>
    public static string NewUserName(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";

    public static string Dn(string uid) => $"uid={uid},{People}";

    /// <summary>Settings for an OpenLDAP directory: <c>(uid={0})</c>, groups searched under ou=groups by member.</summary>
    public static Dictionary<string, string?> OpenLdapSettings(int? port = null) => new()
    {
        ["Directory:Enabled"] = "true",
        ["Directory:Host"] = "127.0.0.1",
        ["Directory:Port"] = (port ?? Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Directory:Security"] = "None",
        ["Directory:BindDn"] = ServiceDn,
        ["Directory:BindPassword"] = Required("HAJDESK_TEST_LDAP_SERVICE_PASSWORD"),
        ["Directory:UserSearchBase"] = People,
        ["Directory:UserFilter"] = "(uid={0})",
        ["Directory:GroupSearchBase"] = GroupsBase,
        ["Directory:GroupFilter"] = "(member={0})",
        ["Directory:TimeoutSeconds"] = "3",
        ["Directory:Groups:0:Group"] = Admins,
        ["Directory:Groups:0:Role"] = "Administrator",
        ["Directory:Groups:1:Group"] = TehranSupervisors,
        ["Directory:Groups:1:Role"] = "Supervisor",
        ["Directory:Groups:1:Province"] = "Tehran",
        ["Directory:Groups:2:Group"] = TehranExperts,
        ["Directory:Groups:2:Role"] = "Expert",
        ["Directory:Groups:2:Province"] = "Tehran",
        // Spelled as Active Directory tools print DNs: letter case and spaces differ, the group is the same.
        ["Directory:Groups:3:Group"] = "CN=hajdesk-isfahan-experts, OU=groups, DC=hajdesk, DC=test",
        ["Directory:Groups:3:Role"] = "Expert",
        ["Directory:Groups:3:Province"] = "Isfahan",
    };

    /// <summary>Settings as for Active Directory: <c>(sAMAccountName={0})</c>, groups from the entry's memberOf.</summary>
    public static Dictionary<string, string?> ActiveDirectorySettings()
    {
        var settings = OpenLdapSettings();
        settings["Directory:UserFilter"] = "(sAMAccountName={0})";
        settings["Directory:GroupSearchBase"] = null;
        settings["Directory:MemberOfAttribute"] = "memberOf";
        return settings;
    }

    /// <summary>Adds a person (OpenLDAP and AD attributes both) and puts them in the groups.</summary>
    public static void AddPerson(string uid, string displayName, params string[] groups)
    {
        using var connection = Connect();
        var attributes = new List<DirectoryAttribute>
        {
            new("objectClass", "inetOrgPerson", "hajdeskTestAdAccount"),
            new("uid", uid),
            new("sAMAccountName", uid),
            new("cn", uid),
            new("sn", uid),
            new("displayName", displayName),
            new("mail", uid + "@hajdesk.test"),
            new("userPassword", Password),
            new("userAccountControl", "512"),
        };
        if (groups.Length > 0)
        {
            attributes.Add(new DirectoryAttribute("memberOf", groups.Cast<object>().ToArray()));
        }

        connection.SendRequest(new AddRequest(Dn(uid), attributes.ToArray()));
        foreach (var group in groups)
        {
            connection.SendRequest(new ModifyRequest(group, DirectoryAttributeOperation.Add, "member", Dn(uid)));
        }
    }

    public static void AddToGroup(string uid, string group)
    {
        using var connection = Connect();
        connection.SendRequest(new ModifyRequest(group, DirectoryAttributeOperation.Add, "member", Dn(uid)));
        connection.SendRequest(new ModifyRequest(Dn(uid), DirectoryAttributeOperation.Add, "memberOf", group));
    }

    public static void RemoveFromGroup(string uid, string group)
    {
        using var connection = Connect();
        connection.SendRequest(new ModifyRequest(group, DirectoryAttributeOperation.Delete, "member", Dn(uid)));
        connection.SendRequest(new ModifyRequest(Dn(uid), DirectoryAttributeOperation.Delete, "memberOf", group));
    }

    public static void Delete(string uid)
    {
        using var connection = Connect();
        connection.SendRequest(new DeleteRequest(Dn(uid)));
    }

    /// <summary>Disables the person as Active Directory does: userAccountControl with ACCOUNTDISABLE (2).</summary>
    public static void DisableAsActiveDirectory(string uid)
    {
        using var connection = Connect();
        connection.SendRequest(new ModifyRequest(Dn(uid), DirectoryAttributeOperation.Replace, "userAccountControl", "514"));
    }

    /// <summary>Locks the person as OpenLDAP's password policy does: pwdAccountLockedTime (permanent lock).</summary>
    public static void LockAsOpenLdap(string uid)
    {
        using var connection = Connect();
        connection.SendRequest(new ModifyRequest(Dn(uid), DirectoryAttributeOperation.Add, "pwdAccountLockedTime", "000001010000Z"));
    }

    private static LdapConnection Connect()
    {
        var connection = new LdapConnection(
            new LdapDirectoryIdentifier("127.0.0.1", Port),
            new NetworkCredential(AdminDn, Required("HAJDESK_TEST_LDAP_ADMIN_PASSWORD")),
            AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind();
        return connection;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./test.sh, which starts a directory server (scripts/test-ldap.sh) for them.");
}
