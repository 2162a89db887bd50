using System.Globalization;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// The one way a filtered list writes its own address (the inbox, the audit log, the reports): the page's path, from
/// its page name (<c>Url.Page</c>), and the non-empty values in the order added, escaped. Empty values are left out, so
/// an unfiltered list has a bare address. Only ids, dates, flags and opaque cursors go in: never personal data.
/// </summary>
public sealed class ListQuery
{
    private readonly List<KeyValuePair<string, string?>> values = [];

    /// <summary>Adds <paramref name="value"/> (trimmed) unless it is empty.</summary>
    public ListQuery Add(string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values.Add(new(name, value.Trim()));
        }

        return this;
    }

    /// <summary>Adds <c>name=true</c> when the flag is set.</summary>
    public ListQuery Add(string name, bool flag) => Add(name, flag ? "true" : null);

    /// <summary>Adds the number in ASCII digits, unless it is null.</summary>
    public ListQuery Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>The address: <paramref name="path"/>, the query (if any) and the fragment (if any).</summary>
    public string ToUrl(string path, string? fragment = null) =>
        path + QueryString.Create(values).ToUriComponent() + (fragment is null ? null : "#" + fragment);
}
