using HajDesk.Web.Exports;

namespace HajDesk.Web.Tests.Exports;

public class TableWriterTests
{
    private static readonly string[] Headers = ["کد پیگیری", "نام و نام خانوادگی", "امتیاز"];

    private static async Task<byte[]> WriteAsync(ExportFormat format, params IReadOnlyList<ExportCell>[] rows)
    {
        using var stream = new MemoryStream();
        await using (var writer = await TableWriters.CreateAsync(format, stream, CancellationToken.None))
        {
            await writer.StartTableAsync("درخواست‌ها", Headers, CancellationToken.None);
            foreach (var row in rows)
            {
                await writer.WriteRowAsync(row, CancellationToken.None);
            }

            await writer.FinishAsync(CancellationToken.None);
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task Csv_PersianTextQuotesAndLineBreaks_RoundTrip()
    {
        var bytes = await WriteAsync(ExportFormat.Csv,
            [ExportCell.Of("۱۲۳۴"), ExportCell.Of("زهرا «احمدی»، \"ب\"\nخط دوم"), ExportCell.Of(4)],
            [ExportCell.Of("ی ك ي"), default, ExportCell.Of(2.5)]);

        var rows = ExportFiles.ReadCsv(bytes);

        Assert.Equal(Headers, rows[0]);
        Assert.Equal(["۱۲۳۴", "زهرا «احمدی»، \"ب\"\nخط دوم", "4"], rows[1]);
        Assert.Equal(["ی ك ي", string.Empty, "2.5"], rows[2]);
        Assert.Equal(3, rows.Count);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+98 912")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public async Task Csv_FormulaLikeText_GetsALeadingApostrophe(string typed)
    {
        var rows = ExportFiles.ReadCsv(await WriteAsync(ExportFormat.Csv, [ExportCell.Of(typed), default, default]));

        Assert.Equal("'" + typed, rows[1][0]);
    }

    [Fact]
    public void Field_PlainText_IsNeitherQuotedNorChanged() =>
        Assert.Equal("زهرا احمدی 1=1", CsvTableWriter.Field("زهرا احمدی 1=1"));

    [Fact]
    public async Task Xlsx_TextStaysTextAndNumbersStayNumbers()
    {
        var bytes = await WriteAsync(ExportFormat.Xlsx,
            [ExportCell.Of("=1+1"), ExportCell.Of("زهرا «احمدی»"), ExportCell.Of(5)],
            [ExportCell.Of("۰۰۱۲"), default, ExportCell.Of(3.25)]);

        var sheet = Assert.Single(ExportFiles.ReadXlsx(bytes));

        Assert.Equal("درخواست‌ها", sheet.Key);
        Assert.Equal(Headers, sheet.Value[0]);
        Assert.Equal(["=1+1", "زهرا «احمدی»", "5"], sheet.Value[1]);
        Assert.Equal("۰۰۱۲", sheet.Value[2][0]);
        Assert.Equal("3.25", sheet.Value[2][^1]);
    }

    [Theory]
    [InlineData("0012345678", "۰۰۱۲****۷۸")]
    [InlineData("09121234567", "۰۹۱۲*****۶۷")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    public void Mask_KeepsFourDigitsAtTheStartAndTwoAtTheEnd(string digits, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Mask(digits));

    [Theory]
    [InlineData("دیدگاه: [۱۴۰۴/۰۱]", "دیدگاه- -۱۴۰۴-۰۱-")]
    [InlineData("یک نام بسیار بسیار بلند برای یک برگه از فایل", "یک نام بسیار بسیار بلند برای یک")]
    public void SheetName_FollowsExcelsRules(string name, string expected) =>
        Assert.Equal(expected, XlsxTableWriter.SheetName(name));
}
