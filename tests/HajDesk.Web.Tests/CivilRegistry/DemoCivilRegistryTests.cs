using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Requests;
using HajDesk.Web.CivilRegistry;

namespace HajDesk.Web.Tests.CivilRegistry;

public sealed class DemoCivilRegistryTests : IDisposable
{
    private const string Header = "national_code,birth_date,first_name,last_name,gender";

    /// <summary>The file the app ships, as copied to the output folder.</summary>
    private static readonly string ShippedFile = Path.Combine(AppContext.BaseDirectory, "CivilRegistry", "demo-people.csv");

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hajdesk-tests", Guid.NewGuid().ToString("N"));

    public DemoCivilRegistryTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task LookupAsync_MatchingCodeAndBirthDate_ReturnsThePerson()
    {
        var registry = DemoCivilRegistry.Load(ShippedFile);

        var result = await registry.LookupAsync("0499370899", new DateOnly(1986, 7, 3), CancellationToken.None);

        Assert.Equal(RegistryOutcome.Found, result.Outcome);
        Assert.Equal(new RegistryPerson("0499370899", new DateOnly(1986, 7, 3), "محمد", "رضایی", Gender.Male), result.Person);
    }

    [Fact]
    public async Task LookupAsync_SecondDemoPerson_IsAWomanBornOnNowruz1340()
    {
        var registry = DemoCivilRegistry.Load(ShippedFile);

        var result = await registry.LookupAsync("0010350829", new DateOnly(1961, 3, 21), CancellationToken.None);

        Assert.Equal(new RegistryPerson("0010350829", new DateOnly(1961, 3, 21), "فاطمه", "احمدی", Gender.Female), result.Person);
    }

    [Fact]
    public async Task LookupAsync_WrongBirthDate_ReturnsNotFound()
    {
        var registry = DemoCivilRegistry.Load(ShippedFile);

        var result = await registry.LookupAsync("0499370899", new DateOnly(1986, 7, 4), CancellationToken.None);

        Assert.Equal(RegistryResult.NotFound, result);
    }

    [Fact]
    public async Task LookupAsync_UnknownCode_ReturnsNotFound()
    {
        var registry = DemoCivilRegistry.Load(ShippedFile);

        var result = await registry.LookupAsync("0000000019", new DateOnly(1986, 7, 3), CancellationToken.None);

        Assert.Equal(RegistryResult.NotFound, result);
    }

    [Fact]
    public void Load_ShippedFile_HasTwelvePeople()
    {
        Assert.Equal(12, DemoCivilRegistry.Load(ShippedFile).Count);
    }

    [Fact]
    public async Task Load_ArabicLettersAndBom_AreNormalized()
    {
        var path = Write(Header, "0499370899,1365/04/12, علي ,كريمى,F", string.Empty);
        File.WriteAllText(path, File.ReadAllText(path), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = await DemoCivilRegistry.Load(path).LookupAsync("0499370899", new DateOnly(1986, 7, 3), CancellationToken.None);

        Assert.Equal(new RegistryPerson("0499370899", new DateOnly(1986, 7, 3), "علی", "کریمی", Gender.Female), result.Person);
    }

    [Theory]
    [InlineData("0499370899,1365/04/12,محمد,رضایی", "expected 5")]
    [InlineData("0499370899,1365/04/12,محمد,رضایی,M,x", "expected 5")]
    [InlineData("0499370898,1365/04/12,محمد,رضایی,M", "national code")]
    [InlineData("1111111111,1365/04/12,محمد,رضایی,M", "national code")]
    [InlineData("499370899,1365/04/12,محمد,رضایی,M", "national code")]
    [InlineData("0499370899,1365/4/12,محمد,رضایی,M", "birth date")]
    [InlineData("0499370899,1365/07/31,محمد,رضایی,M", "birth date")]
    [InlineData("0499370899,1986-07-03,محمد,رضایی,M", "birth date")]
    [InlineData("0499370899,۱۳۶۵/۰۴/۱۲,محمد,رضایی,M", "birth date")]
    [InlineData("0499370899,1365/04/12,,رضایی,M", "names")]
    [InlineData("0499370899,1365/04/12,محمد,رضایی,Male", "gender")]
    [InlineData("0010350829,1340/01/01,فاطمه,احمدی,F", "more than once")]
    public void Load_MalformedLine_FailsNamingTheSettingAndTheLine(string line, string problem)
    {
        var path = Write(Header, "0010350829,1340/01/01,فاطمه,احمدی,F", string.Empty, line);

        var error = Assert.Throws<InvalidOperationException>(() => DemoCivilRegistry.Load(path));

        Assert.Contains("CivilRegistry:DemoFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code,birth,first,last,gender")]
    [InlineData("")]
    public void Load_WrongHeader_FailsAtLine1(string header)
    {
        var path = Write(header, "0010350829,1340/01/01,فاطمه,احمدی,F");

        var error = Assert.Throws<InvalidOperationException>(() => DemoCivilRegistry.Load(path));

        Assert.Contains("CivilRegistry:DemoFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OnlyAHeader_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DemoCivilRegistry.Load(Write(Header)));

        Assert.Contains("CivilRegistry:DemoFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("no people", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DemoCivilRegistry.Load(Path.Combine(folder, "none.csv")));

        Assert.Contains("CivilRegistry:DemoFile", error.Message, StringComparison.Ordinal);
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(folder, "people.csv");
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }
}
