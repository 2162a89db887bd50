using HajDesk.Core.Staff;
using HajDesk.Core.Staff.Directory;

namespace HajDesk.Core.Tests;

public class DirectoryRulesTests
{
    [Theory]
    [InlineData("ali.rezaei", "ali.rezaei")]
    [InlineData("*", "\\2a")]
    [InlineData(")(uid=*", "\\29\\28uid=\\2a")]
    [InlineData("a\\b", "a\\5cb")]
    [InlineData("x\0y", "x\\00y")]
    [InlineData("علی", "علی")]
    [InlineData("", "")]
    public void Escape_FollowsRfc4515(string value, string escaped) => Assert.Equal(escaped, LdapFilter.Escape(value));

    [Fact]
    public void Fill_PutsTheEscapedValueInEveryPlaceholder() =>
        Assert.Equal("(|(uid=\\2a)(mail=\\2a))", LdapFilter.Fill("(|(uid={0})(mail={0}))", "*"));

    [Theory]
    [InlineData("(uid={0})", true)]
    [InlineData("(&(objectClass=user)(sAMAccountName={0}))", true)]
    [InlineData("uid={0}", false)]
    [InlineData("(uid=x)", false)]
    [InlineData("(uid={0}))(", false)]
    [InlineData(null, false)]
    public void IsTemplate_WantsParenthesesAndThePlaceholder(string? template, bool ok) => Assert.Equal(ok, LdapFilter.IsTemplate(template));

    private static readonly DirectoryGroupMapping[] Mappings =
    [
        new("cn=experts-a,ou=g,dc=x", StaffRole.Expert, "Tehran", [3]),
        new("cn=experts-b,ou=g,dc=x", StaffRole.Expert, "Tehran", [5, 3]),
        new("cn=experts-all,ou=g,dc=x", StaffRole.Expert, "Tehran", []),
        new("cn=isfahan,ou=g,dc=x", StaffRole.Expert, "Isfahan", [7]),
        new("cn=supervisors,ou=g,dc=x", StaffRole.Supervisor, "Qom", []),
        new("CN=Admins, OU=G, DC=X", StaffRole.Administrator, null, []),
    ];

    [Fact]
    public void Map_NoMappedGroup_IsNull() =>
        Assert.Null(DirectoryGroupMap.Map(["cn=other,ou=g,dc=x"], Mappings));

    [Fact]
    public void Map_HighestRoleWins_AndDnsCompareWithoutCaseOrSpaces()
    {
        var access = DirectoryGroupMap.Map(["cn=experts-a,ou=g,dc=x", "cn=admins,ou=g,dc=x", "cn=supervisors,ou=g,dc=x"], Mappings)!;
        Assert.Equal(StaffRole.Administrator, access.Role);
        Assert.Null(access.ProvinceCode);
    }

    [Fact]
    public void Map_ExpertSubjects_AreTheUnionOfTheProvincesMappings()
    {
        var access = DirectoryGroupMap.Map(["cn=experts-a,ou=g,dc=x", "cn=experts-b,ou=g,dc=x", "cn=isfahan,ou=g,dc=x"], Mappings)!;
        Assert.Equal(StaffRole.Expert, access.Role);
        Assert.Equal("Tehran", access.ProvinceCode);
        Assert.Equal([3, 5], access.SubjectIds);
    }

    [Fact]
    public void Map_OneExpertMappingWithoutSubjects_GivesAllSubjects() =>
        Assert.Empty(DirectoryGroupMap.Map(["cn=experts-a,ou=g,dc=x", "cn=experts-all,ou=g,dc=x"], Mappings)!.SubjectIds);

    [Theory]
    [InlineData("512", null, false)]
    [InlineData("514", null, true)]
    [InlineData("66050", null, true)]
    [InlineData("66048", null, false)]
    [InlineData(null, "000001010000Z", true)]
    [InlineData(null, null, false)]
    [InlineData("junk", null, false)]
    public void IsDisabled_ReadsTheAdBitAndTheOpenLdapLock(string? uac, string? locked, bool disabled) =>
        Assert.Equal(disabled, DirectoryGroupMap.IsDisabled(uac, locked));
}
