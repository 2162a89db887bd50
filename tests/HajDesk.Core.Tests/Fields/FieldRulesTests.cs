using HajDesk.Core.Fields;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Tests.Fields;

public class FieldRulesTests
{
    private static readonly Subject Transfer = new() { Id = 21, ParentId = 2, Name = "انتقال فیش" };

    private static readonly Subject Hajj = new() { Id = 2, Name = "حج تمتع", Children = [Transfer] };

    private static readonly Subject Other = new() { Id = 1, Name = "سایر" };

    private static readonly Province Tehran = new() { Id = 8, Code = "THR", Name = "تهران", EnglishName = "Tehran", AreaCode = "021" };

    private static SubjectField Field(int id, FieldKind kind, bool required = false, int subjectId = 21, string? options = null, int order = 1, bool active = true) =>
        new() { Id = id, SubjectId = subjectId, Label = "فیلد " + id, Kind = kind, IsRequired = required, Options = options, DisplayOrder = order, IsActive = active };

    private static (List<RequestFieldValue> Values, FieldErrors Errors) Check(SubjectField field, string? typed)
    {
        var errors = new FieldErrors();
        return (FieldRules.Check([field], new Dictionary<string, string?> { [field.Code] = typed }, errors), errors);
    }

    [Theory]
    [InlineData("۱۲۵", "125")]
    [InlineData("١٢٥", "125")]
    [InlineData(" 125 ", "125")]
    [InlineData("۱۲٫۵۰", "12.5")]
    [InlineData("۱٬۲۵۰", "1250")]
    [InlineData("-3", "-3")]
    public void Number_AcceptsAnyDigits_AndStoresAscii(string typed, string stored)
    {
        var (values, errors) = Check(Field(5, FieldKind.Number), typed);

        Assert.True(errors.IsEmpty);
        var value = Assert.Single(values);
        Assert.Equal(stored, value.Value);
        Assert.Equal(FieldKind.Number, value.Kind);
        Assert.Equal(5, value.FieldId);
        Assert.Equal("فیلد 5", value.Label);
    }

    [Theory]
    [InlineData("دوازده")]
    [InlineData("12a")]
    [InlineData("<script>")]
    [InlineData("1111111111111111111111111111111111111")]
    public void Number_NotANumber_IsRefusedInPersian(string typed)
    {
        var (values, errors) = Check(Field(5, FieldKind.Number), typed);

        Assert.Empty(values);
        Assert.StartsWith("«فیلد 5» باید عدد باشد", errors["Fields[5]"]);
    }

    [Theory]
    [InlineData("۱۴۰۴/۳/۱۵", "1404/03/15")]
    [InlineData("1403-12-30", "1403/12/30")]
    [InlineData("١٤٠٤/٠١/٠١", "1404/01/01")]
    public void Date_IsAJalaliDate_InAnyDigits(string typed, string stored)
    {
        var (values, errors) = Check(Field(6, FieldKind.Date), typed);

        Assert.True(errors.IsEmpty);
        Assert.Equal(stored, Assert.Single(values).Value);
        Assert.Equal(PersianTextOf(stored), values[0].DisplayValue);
    }

    private static string PersianTextOf(string s) => Core.Persian.PersianText.ToPersianDigits(s);

    [Theory]
    [InlineData("1404/12/30")] // 1404 is not a leap year
    [InlineData("1404/13/01")]
    [InlineData("فردا")]
    [InlineData("04/03/15")]
    public void Date_NotInTheCalendar_IsRefused(string typed)
    {
        var (values, errors) = Check(Field(6, FieldKind.Date), typed);

        Assert.Empty(values);
        Assert.Contains("تاریخ درستی نیست", errors["Fields[6]"]);
    }

    [Fact]
    public void Choice_MustBeOneOfTheOptions_AForgedValueIsRefused()
    {
        var field = Field(7, FieldKind.Choice, options: "هوایی\nزمینی");

        var (values, errors) = Check(field, "زمینی");
        Assert.True(errors.IsEmpty);
        Assert.Equal("زمینی", Assert.Single(values).Value);

        (values, errors) = Check(field, "دریایی");
        Assert.Empty(values);
        Assert.Contains("در فهرست نیست", errors["Fields[7]"]);
    }

    [Fact]
    public void Choice_ArabicLettersAreReadAsPersian()
    {
        var (values, errors) = Check(Field(7, FieldKind.Choice, options: "زمینی\nهوایی"), "زميني");

        Assert.True(errors.IsEmpty);
        Assert.Equal("زمینی", Assert.Single(values).Value);
    }

    [Fact]
    public void Text_IsNormalizedOnOneLine_AndLimited()
    {
        var (values, errors) = Check(Field(8, FieldKind.Text), "  كد\nکاروان <b>۱۲</b> ");
        Assert.True(errors.IsEmpty);
        Assert.Equal("کد کاروان <b>۱۲</b>", Assert.Single(values).Value);

        (values, errors) = Check(Field(8, FieldKind.Text), new string('ا', FieldRules.MaxTextValueLength + 1));
        Assert.Empty(values);
        Assert.Equal("«فیلد 8» حداکثر ۵۰۰ نویسه است؛ اکنون ۵۰۱ نویسه است.", errors["Fields[8]"]);
    }

    [Theory]
    [InlineData(FieldKind.Text, "«فیلد 9» را وارد کنید.")]
    [InlineData(FieldKind.Number, "«فیلد 9» را وارد کنید.")]
    [InlineData(FieldKind.Date, "«فیلد 9» را وارد کنید.")]
    [InlineData(FieldKind.Choice, "«فیلد 9» را انتخاب کنید.")]
    public void Required_Empty_IsRefused_OptionalEmpty_StoresNothing(FieldKind kind, string message)
    {
        var options = kind == FieldKind.Choice ? "الف\nب" : null;
        var (values, errors) = Check(Field(9, kind, required: true, options: options), " \u200c ");
        Assert.Empty(values);
        Assert.Equal(message, errors["Fields[9]"]);

        (values, errors) = Check(Field(9, kind, required: false, options: options), "");
        Assert.Empty(values);
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void ForSubject_GivesTheMainSubjectsFieldsFirst_ThenTheSubSubjects_ActiveOnly()
    {
        SubjectField[] all =
        [
            Field(1, FieldKind.Text, subjectId: 21, order: 1),
            Field(2, FieldKind.Text, subjectId: 2, order: 2),
            Field(3, FieldKind.Text, subjectId: 2, order: 1),
            Field(4, FieldKind.Text, subjectId: 21, order: 2, active: false),
            Field(5, FieldKind.Text, subjectId: 1, order: 1),
        ];

        Assert.Equal([3, 2, 1], FieldRules.ForSubject(all, 2, 21).Select(f => f.Id));
        Assert.Equal([3, 2], FieldRules.ForSubject(all, 2, null).Select(f => f.Id));
        Assert.Empty(FieldRules.ForSubject(all, null, null));
    }

    [Fact]
    public void SubmissionRules_CheckTheChosenSubjectsFields_AndCarryTheValues()
    {
        SubjectField[] fields = [Field(1, FieldKind.Text, required: true, subjectId: 21), Field(2, FieldKind.Number, subjectId: 1)];
        var input = new SubmissionInput
        {
            ProvinceId = "8",
            Mobile = "09121234567",
            SubjectId = "2",
            SubSubjectId = "21",
            RequestType = "Request",
            Text = "متن",
        };

        var errors = new FieldErrors();
        Assert.Null(SubmissionRules.CheckFields(input, [Tehran], [Other, Hajj], 0, errors, fields));
        Assert.Equal("«فیلد 1» را وارد کنید.", errors["Fields[1]"]);

        // A value for another subject's field (forged or left from an earlier choice) is ignored.
        input.Fields = new() { ["1"] = "کاروان ۱۲", ["2"] = "not a number" };
        errors = new FieldErrors();
        var valid = SubmissionRules.CheckFields(input, [Tehran], [Other, Hajj], 0, errors, fields);
        Assert.True(errors.IsEmpty);
        var value = Assert.Single(valid!.FieldValues!);
        Assert.Equal(("کاروان ۱۲", 1), (value.Value, value.FieldId));
    }

    [Fact]
    public void Definition_IsChecked_WithPersianMessages()
    {
        var errors = new FieldErrors();
        var (label, kind, help, options) = FieldRules.CheckDefinition(" کد   کاروان ", "Choice", "", "هوایی\n\nزمینی\nهوایی", errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(("کد   کاروان", FieldKind.Choice, null, "هوایی\nزمینی"), (label, kind, help, options));

        errors = new FieldErrors();
        FieldRules.CheckDefinition("", "7", null, null, errors);
        Assert.Equal("عنوان فیلد را بنویسید.", errors["Label"]);
        Assert.StartsWith("نوع فیلد را انتخاب کنید", errors["Kind"]);

        errors = new FieldErrors();
        FieldRules.CheckDefinition("نوع سفر", "Choice", null, "فقط یکی", errors);
        Assert.StartsWith("برای فیلد فهرستی دست‌کم دو گزینه", errors["Options"]);

        errors = new FieldErrors();
        var (_, textKind, _, textOptions) = FieldRules.CheckDefinition("شماره فیش", "Text", null, "ignored", errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal((FieldKind.Text, (string?)null), (textKind, textOptions));
    }
}
