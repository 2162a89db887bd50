namespace HajDesk.Web.Infrastructure.Forms;

/// <summary>
/// What the shared <c>_ErrorSummary</c> partial needs: the form's field keys in the order they appear on the page
/// (so mistakes are listed in form order, whatever order the checks ran in) and, for keys whose element id is not
/// the framework's (a group of fields, a notice), the id to link to.
/// </summary>
/// <param name="FormOrder">Model-state keys in page order; keys not listed come last, in the order they were added.</param>
/// <param name="Anchors">Element ids for keys that do not follow <see cref="FieldNames.Id"/>; an empty id means no link.</param>
/// <param name="TestId">The summary's <c>data-testid</c> (pages whose tests knew their own list before the shared summary keep its name).</param>
/// <param name="EveryMessage">
/// Every message of a key, not only the first: for pages where one key gathers several refusals (a bulk action
/// refused for its binding and its rules, an action refused for several reasons), which the page listed before.
/// </param>
public sealed record ErrorSummary(
    IReadOnlyList<string> FormOrder, IReadOnlyDictionary<string, string>? Anchors = null, string TestId = "errors", bool EveryMessage = false)
{
    /// <summary>A summary for a form whose errors need no particular order.</summary>
    public static ErrorSummary Unordered { get; } = new([]);

    /// <summary>The errors to list: the first message of each key (every one with <see cref="EveryMessage"/>), in form order.</summary>
    public IReadOnlyList<(string Anchor, string Message)> Errors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        var position = FormOrder.Select((key, index) => (key, index)).ToDictionary(p => p.key, p => p.index);
        return modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .Select((e, added) => (e.Key, Messages: EveryMessage ? e.Value!.Errors.Select(x => x.ErrorMessage) : [e.Value!.Errors[0].ErrorMessage], added))
            .OrderBy(e => position.TryGetValue(e.Key, out var index) ? index : FormOrder.Count + e.added)
            .SelectMany(e => e.Messages.Select(message => (Anchor(e.Key), message)))
            .ToList();
    }

    private string Anchor(string key) =>
        Anchors is not null && Anchors.TryGetValue(key, out var anchor) ? anchor : key.Length == 0 ? string.Empty : FieldNames.Id(key);
}
