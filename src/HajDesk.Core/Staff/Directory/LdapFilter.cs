using System.Globalization;
using System.Text;

namespace HajDesk.Core.Staff.Directory;

/// <summary>Builds LDAP search filters from configured templates and typed values (RFC 4515).</summary>
public static class LdapFilter
{
    /// <summary>The placeholder a filter template carries for the one value it is filled with.</summary>
    public const string Placeholder = "{0}";

    /// <summary>
    /// Escapes a value for use inside a filter's assertion value (RFC 4515, section 3): <c>*</c>, <c>(</c>,
    /// <c>)</c>, <c>\</c> and NUL become <c>\2a</c>, <c>\28</c>, <c>\29</c>, <c>\5c</c>, <c>\00</c>. Other characters
    /// (Persian letters included) stay as they are: the library sends the filter as UTF-8.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '*' or '(' or ')' or '\\' or '\0')
            {
                builder.Append('\\').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Fills every <see cref="Placeholder"/> of <paramref name="template"/> with the escaped value.</summary>
    public static string Fill(string template, string value)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Replace(Placeholder, Escape(value), StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether a configured template is usable: wrapped in parentheses, balanced, and carrying <see cref="Placeholder"/>.
    /// </summary>
    public static bool IsTemplate(string? template)
    {
        if (template is null || template.Length < 2 || template[0] != '(' || template[^1] != ')'
            || !template.Contains(Placeholder, StringComparison.Ordinal))
        {
            return false;
        }

        var depth = 0;
        foreach (var c in template)
        {
            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }
}
