namespace HajDesk.Web.Infrastructure.Concurrency;

/// <summary>
/// The one conflict response of the application — 409, the page drawn again with the row as it is now, what the
/// person typed kept — and its one Persian explanation, for staff and citizens alike.
/// </summary>
public static class EditConflict
{
    public const string Message =
        "این مورد در همین فاصله تغییر کرده است و آنچه فرستادید ثبت نشد. وضعیت تازه آن در همین صفحه آمده است؛ آن را ببینید و اگر هنوز لازم است، دوباره بفرستید. آنچه نوشته بودید نگه داشته شده است.";

    /// <summary>Added when the refused form carried files: a browser never refills a file input.</summary>
    public const string FilesMessage = "فایل‌هایی را که انتخاب کرده بودید دوباره انتخاب کنید.";

    private static readonly object Key = new();

    /// <summary>Whether this response is a conflict (the shared <c>_EditConflict</c> partial then shows <see cref="Message"/>).</summary>
    public static bool IsRaised(HttpContext context) => context?.Items.ContainsKey(Key) == true;

    /// <summary>Whether the refused form carried files (the partial then adds <see cref="FilesMessage"/>).</summary>
    public static bool FilesDropped(HttpContext context) => context?.Items.TryGetValue(Key, out var files) == true && files is true;

    /// <summary>
    /// Marks this response as the conflict response and sets 409; the page is then drawn again with the row as it is
    /// now and the shared <c>_EditConflict</c> partial explains. Used by <see cref="EditConflictFilter"/> and by the
    /// request pages, whose saves report a conflict instead of throwing.
    /// </summary>
    public static void Raise(HttpContext context, bool filesDropped = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = filesDropped;
        context.Response.StatusCode = StatusCodes.Status409Conflict;
    }
}
