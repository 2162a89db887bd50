using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace HajDesk.Web.Open311;

/// <summary>
/// One Open311 object: named values in the order the specification lists them. A value is text, a number, a
/// boolean, an instant, null, another <see cref="Open311Object"/> or an <see cref="Open311List"/>. The same tree is
/// written as JSON or as XML (<see cref="Open311Writer"/>), so both formats always say the same.
/// </summary>
public sealed class Open311Object : List<KeyValuePair<string, object?>>
{
    public Open311Object Set(string name, object? value)
    {
        Add(new(name, value));
        return this;
    }
}

/// <summary>A list: a JSON array; in XML an element per item, named <paramref name="ItemName"/>.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<object> Items);

/// <summary>The two formats of GeoReport v2, chosen by the <c>.json</c> or <c>.xml</c> suffix of the address.</summary>
public enum Open311Format
{
    Json,
    Xml,
}

/// <summary>Writes an Open311 tree as JSON or XML.</summary>
public static class Open311Writer
{
    /// <summary>The XML media type, as discovery advertises it (<c>text/xml</c>, the one GeoReport v2 names).</summary>
    public const string XmlContentType = "text/xml; charset=utf-8";

    /// <summary>A response: <paramref name="root"/> is the XML document element (<c>services</c>, <c>errors</c>, …).</summary>
    public static IResult Result(Open311Format format, string root, object body, int status = StatusCodes.Status200OK) =>
        format == Open311Format.Xml
            ? Results.Text(Xml(root, body), XmlContentType, Encoding.UTF8, status)
            : Results.Text(Json(body), "application/json; charset=utf-8", Encoding.UTF8, status);

    public static string Json(object body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, body);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Xml(string root, object body)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Encoding = Encoding.UTF8, OmitXmlDeclaration = false, CheckCharacters = true };
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root);
            WriteXmlContent(writer, body);
            writer.WriteEndElement();
        }

        return builder.ToString();
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Open311Object obj:
                writer.WriteStartObject();
                foreach (var (name, item) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, item);
                }

                writer.WriteEndObject();
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            default:
                writer.WriteStringValue(Text(value));
                break;
        }
    }

    private static void WriteXmlContent(XmlWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case Open311Object obj:
                foreach (var (name, item) in obj)
                {
                    writer.WriteStartElement(name);
                    WriteXmlContent(writer, item);
                    writer.WriteEndElement();
                }

                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    writer.WriteStartElement(list.ItemName);
                    WriteXmlContent(writer, item);
                    writer.WriteEndElement();
                }

                break;
            default:
                writer.WriteString(Text(value));
                break;
        }
    }

    /// <summary>Instants in W3C format (UTC); booleans and numbers invariant; control characters never reach XML.</summary>
    private static string Text(object value) => value switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => new string((value.ToString() ?? string.Empty).Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray()),
    };

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
