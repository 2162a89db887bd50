namespace HajDesk.Core.Catalogue;

/// <summary>One block of <see cref="SimpleText"/>: a paragraph (its lines) or a bulleted list (its items).</summary>
public sealed record TextBlock(bool IsList, IReadOnlyList<string> Lines);

/// <summary>
/// The "simple formatting" administrators write catalogue entries and answers in: a blank line starts a new
/// paragraph, a line starting with «-», «*» or «•» is a list item. Nothing else is markup, so there is nothing to
/// sanitise: pages render the blocks as text (HTML-encoded) inside <c>&lt;p&gt;</c> and <c>&lt;ul&gt;</c>, and
/// whatever an administrator pastes — tags, scripts, entities — is shown as the characters it is.
/// </summary>
public static class SimpleText
{
    private static readonly char[] Bullets = ['-', '*', '•'];

    /// <summary>Splits <paramref name="text"/> into paragraphs and lists; empty or blank text gives no blocks.</summary>
    public static IReadOnlyList<TextBlock> Parse(string? text)
    {
        var blocks = new List<TextBlock>();
        var current = new List<string>();
        var currentIsList = false;

        void Flush()
        {
            if (current.Count > 0)
            {
                blocks.Add(new TextBlock(currentIsList, current));
                current = [];
            }
        }

        foreach (var raw in (text ?? string.Empty).ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            var isItem = Array.IndexOf(Bullets, line[0]) >= 0;
            if (isItem != currentIsList)
            {
                Flush();
                currentIsList = isItem;
            }

            var content = isItem ? line[1..].Trim() : line;
            if (content.Length > 0)
            {
                current.Add(content);
            }
        }

        Flush();
        return blocks;
    }
}
