using HajDesk.Core.CivilRegistry;
using HajDesk.Web.CivilRegistry;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.CivilRegistry;

/// <summary>The app's registration and start-up checks, on SQLite.</summary>
public class CivilRegistryStartupTests
{
    [Fact]
    public async Task Start_DefaultSettings_UsesTheShippedDemoPeople()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var registry = app.Services.GetRequiredService<ICivilRegistry>();
        var result = await registry.LookupAsync("0499370899", new DateOnly(1986, 7, 3), CancellationToken.None);

        Assert.IsType<DemoCivilRegistry>(HajDesk.Web.Operations.MeteredCivilRegistry.Unwrap(registry));
        Assert.Equal("محمد رضایی", $"{result.Person!.FirstName} {result.Person.LastName}");
    }

    [Fact]
    public async Task Start_HttpModeWithoutBaseUrl_FailsNamingTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["CivilRegistry:Mode"] = "Http",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("CivilRegistry:BaseUrl is required when CivilRegistry:Mode is 'Http'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HttpModeWithBaseUrl_UsesTheHttpClient()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["CivilRegistry:Mode"] = "Http",
            ["CivilRegistry:BaseUrl"] = "http://127.0.0.1:1/",
        });

        Assert.IsType<HttpCivilRegistry>(HajDesk.Web.Operations.MeteredCivilRegistry.Unwrap(app.Services.GetRequiredService<ICivilRegistry>()));
    }

    [Theory]
    [InlineData("CivilRegistry:Mode", "Soap")]
    [InlineData("CivilRegistry:DemoFile", "no-such-folder/people.csv")]
    [InlineData("CivilRegistry:TimeoutSeconds", "0")]
    [InlineData("CivilRegistry:Retries", "-1")]
    public async Task Start_BadSetting_FailsNamingTheSetting(string setting, string value)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
    }
}
