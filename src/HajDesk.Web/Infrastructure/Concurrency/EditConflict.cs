namespace HajDesk.Web.Infrastructure.Concurrency;

/// <summary>The one conflict response of the application, and its one Persian explanation.</summary>
public static class EditConflict
{
    public const string Message =
        "این مورد هم‌زمان توسط همکار دیگری تغییر کرده است. وضعیت تازه آن در همین صفحه آمده است؛ آن را ببینید و اگر هنوز لازم است، دوباره بفرستید. آنچه نوشته بودید نگه داشته شده است.";

    private static readonly object Key = new();

    /// <summary>Whether this response is a conflict (the shared <c>_EditConflict</c> partial then shows <see cref="Message"/>).</summary>
    public static bool IsRaised(HttpContext context) => context?.Items.ContainsKey(Key) == true;

    internal static void Raise(HttpContext context) => context.Items[Key] = true;
}
