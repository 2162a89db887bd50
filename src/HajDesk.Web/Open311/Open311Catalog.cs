using System.Globalization;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Web.Open311;

/// <summary>One GeoReport service: an active sub-subject, or an active main subject without sub-subjects.</summary>
/// <param name="Code">The service's code in the catalogue («شناسه خدمت», e.g. <c>HD-101</c>), the same on every installation.</param>
/// <param name="Subject">The main subject (the service's <c>group</c>).</param>
/// <param name="SubSubject">The sub-subject, when the service is one.</param>
public sealed record Open311Service(string Code, Subject Subject, Subject? SubSubject)
{
    public Subject Effective => SubSubject ?? Subject;
}

/// <summary>The services and the attributes a request needs, from the same choices the send form offers.</summary>
public static class Open311Catalog
{
    public static IReadOnlyList<Open311Service> Services(SubmissionChoices choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var services = new List<Open311Service>();
        foreach (var main in choices.MainSubjects)
        {
            var children = main.Children.Where(c => c.IsActive).ToList();
            if (children.Count == 0)
            {
                services.Add(new(CodeOf(main), main, null));
            }

            services.AddRange(children.Select(c => new Open311Service(CodeOf(c), main, c)));
        }

        return services;
    }

    /// <summary>
    /// A subject's service code: its catalogue code, or the default the catalogue gives a subject without one
    /// (<see cref="ServiceCode.Default"/>; the seeder stores it at the next start-up).
    /// </summary>
    public static string CodeOf(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return CodeOf(subject.Id, subject.ServiceCode);
    }

    public static string CodeOf(int subjectId, string? serviceCode) => serviceCode ?? ServiceCode.Default(subjectId);

    /// <summary>
    /// The subject a client's code names: a catalogue code (any case, Persian digits allowed), or — as before the
    /// catalogue codes, so older clients go on working — the subject's database id. Null when none.
    /// </summary>
    public static T? Match<T>(IEnumerable<T> candidates, Func<T, int> id, Func<T, string?> serviceCode, string? code)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var list = candidates as IReadOnlyCollection<T> ?? [.. candidates];
        if (ServiceCode.TryNormalize(code, out var normalized))
        {
            return list.FirstOrDefault(c => serviceCode(c) == normalized)
                ?? list.FirstOrDefault(c => serviceCode(c) is null && ServiceCode.Default(id(c)) == normalized);
        }

        return int.TryParse(Core.Persian.PersianText.NormalizeNumeric(code), NumberStyles.None, CultureInfo.InvariantCulture, out var legacyId)
            ? list.FirstOrDefault(c => id(c) == legacyId)
            : null;
    }

    /// <summary>The service with the given code (catalogue code, or the subject's id as older clients send it), or null.</summary>
    public static Open311Service? Find(SubmissionChoices choices, string? code) =>
        Match(Services(choices), s => s.Effective.Id, s => s.Effective.ServiceCode, code);

    public static Open311Object ToListItem(Open311Service service) => new Open311Object()
        .Set("service_code", service.Code)
        .Set("service_name", service.Effective.Name)
        .Set("description", service.SubSubject is null ? service.Subject.Name : $"{service.Subject.Name} — {service.SubSubject.Name}")
        .Set("metadata", true)
        .Set("type", "realtime")
        .Set("keywords", string.Empty)
        .Set("group", service.Subject.Name);

    /// <summary>The service definition: the attributes of <c>POST requests</c> besides the standard fields.</summary>
    /// <param name="service">The service.</param>
    /// <param name="provinces">Every province (the <c>province</c> attribute's values).</param>
    /// <param name="fields">The service's extra fields (<see cref="Core.Fields.FieldRules.ForSubject"/>), listed after the standard attributes.</param>
    public static Open311Object Definition(Open311Service service, IReadOnlyList<Province> provinces, IReadOnlyList<Core.Fields.SubjectField>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(provinces);
        var order = 0;
        Open311Object Attribute(string code, string datatype, bool required, string description, string datatypeDescription, Open311List? values = null)
        {
            var attribute = new Open311Object()
                .Set("variable", true)
                .Set("code", code)
                .Set("datatype", datatype)
                .Set("required", required)
                .Set("datatype_description", datatypeDescription)
                .Set("order", ++order)
                .Set("description", description);
            if (values is not null)
            {
                attribute.Set("values", values);
            }

            return attribute;
        }

        var provinceValues = new Open311List("value",
            [.. provinces.Select(p => (object)new Open311Object().Set("key", Code(p.Id)).Set("name", p.Name))]);
        var typeValues = new Open311List("value",
            [.. RequestTypeText.All.Select(t => (object)new Open311Object().Set("key", t.ToString()).Set("name", t.ToPersian()))]);
        return new Open311Object()
            .Set("service_code", service.Code)
            .Set("attributes", new Open311List("attribute",
            [
                Attribute("national_code", "string", true, "کد ملی متقاضی", "ده رقم؛ رقم‌های فارسی هم پذیرفته می‌شود. با تاریخ تولد در ثبت احوال تأیید می‌شود."),
                Attribute("birth_date", "string", true, "تاریخ تولد متقاضی", "خورشیدی، سال/ماه/روز؛ مانند 1365/04/12."),
                Attribute("province", "singlevaluelist", true, "استانی که درخواست به آن مربوط است", "شناسه یکی از استان‌ها.", provinceValues),
                Attribute("mobile", "string", true, "تلفن همراه متقاضی", "یازده رقم با ۰۹ در آغاز؛ کد رهگیری با پیامک به آن فرستاده می‌شود."),
                Attribute("email", "string", false, "ایمیل متقاضی", "اختیاری؛ مانند name@example.com."),
                Attribute("landline_area_code", "string", false, "پیش‌شماره تلفن ثابت", "اختیاری؛ پیش‌شماره یکی از استان‌ها، مانند 021."),
                Attribute("landline_number", "string", false, "شماره تلفن ثابت", "اختیاری؛ هشت رقم بدون پیش‌شماره."),
                Attribute("request_type", "singlevaluelist", false, "نوع پیام", "اختیاری؛ درخواست، شکایت، انتقاد یا پیشنهاد. بی آن، درخواست.", typeValues),
                .. (fields ?? []).Select(f => (object)Attribute(AttributeCode(f), Datatype(f.Kind), f.IsRequired, f.Label, FieldDescription(f),
                    f.Kind == Core.Fields.FieldKind.Choice
                        ? new Open311List("value", [.. f.OptionList.Select(o => (object)new Open311Object().Set("key", o).Set("name", o))])
                        : null)),
            ]));
    }

    /// <summary>The attribute code of a subject's extra field: <c>field_12</c>.</summary>
    public static string AttributeCode(Core.Fields.SubjectField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return FieldPrefix + field.Code;
    }

    /// <summary>What precedes a field's id in its attribute code.</summary>
    public const string FieldPrefix = "field_";

    /// <summary>The GeoReport v2 datatype of a field's kind.</summary>
    public static string Datatype(Core.Fields.FieldKind kind) => kind switch
    {
        Core.Fields.FieldKind.Number => "number",
        Core.Fields.FieldKind.Date => "datetime",
        Core.Fields.FieldKind.Choice => "singlevaluelist",
        _ => "string",
    };

    private static string FieldDescription(Core.Fields.SubjectField field)
    {
        var what = field.Kind switch
        {
            Core.Fields.FieldKind.Number => "عدد؛ رقم‌های فارسی هم پذیرفته می‌شود.",
            Core.Fields.FieldKind.Date => "تاریخ خورشیدی، سال/ماه/روز (مانند 1404/03/15)، یا تاریخ میلادی ISO 8601 (مانند 2025-06-05).",
            Core.Fields.FieldKind.Choice => "یکی از کلیدهای values.",
            _ => $"متن، حداکثر {Core.Fields.FieldRules.MaxTextValueLength} نویسه.",
        };
        return (field.IsRequired ? "الزامی؛ " : "اختیاری؛ ") + what + (field.HelpText is null ? null : " " + field.HelpText);
    }

    private static string Code(int id) => id.ToString(CultureInfo.InvariantCulture);
}
