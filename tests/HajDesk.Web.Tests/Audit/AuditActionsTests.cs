using System.Reflection;
using System.Text.RegularExpressions;
using HajDesk.Web.Staff;

namespace HajDesk.Web.Tests.Audit;

/// <summary>The one catalogue of audited actions: every name distinct, well formed and named in Persian on the audit page.</summary>
public partial class AuditActionsTests
{
    private static readonly List<(string Constant, string Action)> Catalogue = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
        .ToList();

    [Fact]
    public void EveryAction_HasOneDistinctWellFormedName()
    {
        Assert.True(Catalogue.Count > 80, $"{Catalogue.Count} actions");
        Assert.Empty(Catalogue.GroupBy(a => a.Action).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(Catalogue, a => Assert.Matches(ActionName(), a.Action));
    }

    [Fact]
    public void EveryAction_IsNamedInPersianOnTheAuditPage()
    {
        var unnamed = Catalogue.Where(a => AuditActionText.ToPersian(a.Action) == a.Action).Select(a => a.Constant).ToList();
        Assert.Empty(unnamed);
        Assert.All(Catalogue, a => Assert.Matches(PersianLetter(), AuditActionText.ToPersian(a.Action)));
        Assert.Equal(Catalogue.Select(a => a.Action).Order(StringComparer.Ordinal), AuditActionText.Known.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("^[a-z0-9]+(?:[.-][a-z0-9]+)*$")]
    private static partial Regex ActionName();

    [GeneratedRegex("[\u0600-\u06FF]")]
    private static partial Regex PersianLetter();
}
