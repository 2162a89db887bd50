using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace HajDesk.Web.Infrastructure.Forms;

/// <summary>
/// The model binder's own messages in Persian. A browser never sends them — they answer a value no form offers: a
/// forged option, letters in a number, an edited address such as <c>/staff/inbox?status=Foo</c>. Left alone, the
/// framework wrote «The value 'Foo' is not valid for Status.» on a Persian page. The field is named by its
/// <see cref="DisplayAttribute"/> when it has one; the typed value is shown shortened (it may be anything).
/// </summary>
public sealed class PersianBindingMessages : IBindingMetadataProvider
{
    /// <summary>How much of an unreadable value the message repeats.</summary>
    public const int ShownValueLength = 30;

    /// <summary>The messages for every page, and the check boxes that must survive a value that is no boolean.</summary>
    public static void AddTo(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ModelMetadataDetailsProviders.Add(new PersianBindingMessages());
        options.Filters.Add(new UnreadableCheckboxValues());
    }

    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Attributes.OfType<DisplayAttribute>().FirstOrDefault()?.GetName();
        var messages = new DefaultModelBindingMessageProvider();
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Invalid(value, name));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Invalid(value, name));
        messages.SetValueIsInvalidAccessor(value => Invalid(value, name));
        messages.SetValueMustNotBeNullAccessor(value => Invalid(value, name));
        messages.SetUnknownValueIsInvalidAccessor(_ => Invalid(null, name));
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Invalid(null, name));
        messages.SetValueMustBeANumberAccessor(_ => Number(name));
        messages.SetNonPropertyValueMustBeANumberAccessor(() => Number(name));
        messages.SetMissingBindRequiredValueAccessor(_ => Missing(name));
        messages.SetMissingKeyOrValueAccessor(() => Missing(name));
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Missing(name));
        context.BindingMetadata.ModelBindingMessageProvider = messages;
    }

    /// <summary>«مقدار «Foo» برای «وضعیت» پذیرفتنی نیست؛ یکی از گزینه‌های صفحه را برگزینید.»</summary>
    public static string Invalid(string? value, string? field) =>
        $"مقدار{Quoted(Shorten(value))}{(field is null ? null : " برای" + Quoted(field))} پذیرفتنی نیست؛ یکی از گزینه‌های صفحه را برگزینید.";

    private static string Number(string? field) => $"{(field is null ? "این مقدار" : Quoted(field).TrimStart())} باید عدد باشد.";

    private static string Missing(string? field) => $"{(field is null ? "مقداری" : Quoted(field).TrimStart())} فرستاده نشده است.";

    private static string Quoted(string? text) => string.IsNullOrEmpty(text) ? string.Empty : " «" + text + "»";

    private static string? Shorten(string? value) =>
        value is { Length: > ShownValueLength } ? value[..ShownValueLength] + "…" : value;
}
