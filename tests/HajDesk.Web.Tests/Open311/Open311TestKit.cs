using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using HajDesk.Core.ApiKeys;
using HajDesk.Core.Data;
using HajDesk.Web.Tests.Infrastructure;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Open311;

/// <summary>API keys, the JSON Schemas of tests/…/Open311/Schemas and a valid request for the API tests.</summary>
public static class Open311TestKit
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    /// <summary>Issues a key through the service the admin page uses.</summary>
    public static async Task<string> IssueKeyAsync(HajDeskFactory app, string name = "سامانه آزمایشی")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (_, key) = scope.ServiceProvider.GetRequiredService<ApiKeyService>().Issue(name, "test");
        await scope.ServiceProvider.GetRequiredService<HajDeskDbContext>().SaveChangesAsync();
        return key;
    }

    /// <summary>Asserts that a JSON body is valid against a schema written from the GeoReport v2 specification.</summary>
    public static JsonElement AssertSchema(string schemaName, string json)
    {
        var schema = Schemas.GetOrAdd(schemaName, name => JsonSchema.FromText(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Open311", "Schemas", name + ".json")),
            baseUri: new Uri($"https://hajdesk.test/schemas/{name}.json")));
        var element = JsonDocument.Parse(json).RootElement.Clone();
        var result = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{schemaName}: {json}\n{string.Join('\n', (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))}");
        return element;
    }

    /// <summary>
    /// Asserts that an XML body says what the JSON body says: the document element, one child element per list item
    /// (named <paramref name="item"/>), and for each item the same element names and texts as the JSON object's
    /// properties (nested lists compared by count).
    /// </summary>
    public static void AssertXmlMatchesJson(string xml, string root, string? item, JsonElement json)
    {
        var document = XDocument.Parse(xml);
        Assert.Equal(root, document.Root!.Name.LocalName);
        if (item is null)
        {
            AssertObject(document.Root, json);
            return;
        }

        var elements = document.Root.Elements().ToList();
        Assert.All(elements, e => Assert.Equal(item, e.Name.LocalName));
        Assert.Equal(json.GetArrayLength(), elements.Count);
        for (var i = 0; i < elements.Count; i++)
        {
            AssertObject(elements[i], json[i]);
        }
    }

    private static void AssertObject(XElement element, JsonElement json)
    {
        var names = json.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names, element.Elements().Select(e => e.Name.LocalName).ToList());
        foreach (var property in json.EnumerateObject())
        {
            var child = element.Element(property.Name)!;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Array:
                    Assert.Equal(property.Value.GetArrayLength(), child.Elements().Count());
                    break;
                case JsonValueKind.Object:
                    AssertObject(child, property.Value);
                    break;
                case JsonValueKind.Null:
                    Assert.Equal(string.Empty, child.Value);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    Assert.Equal(property.Value.GetBoolean() ? "true" : "false", child.Value);
                    break;
                case JsonValueKind.Number:
                    Assert.Equal(property.Value.GetRawText(), child.Value);
                    break;
                default:
                    Assert.Equal(property.Value.GetString(), child.Value);
                    break;
            }
        }
    }

    /// <summary>A valid request of the demo registry's 0499370899 for Tehran on the subject «سایر» (no sub-subjects).</summary>
    public static async Task<Dictionary<string, string>> ValidRequestAsync(HajDeskFactory app, string key) => new()
    {
        ["api_key"] = key,
        ["service_code"] = (await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "سایر" && s.ParentId == null).Select(s => s.Id).SingleAsync()))
            .ToString(CultureInfo.InvariantCulture),
        ["description"] = "درخواست آزمایشی از سامانه دیگر",
        ["attribute[national_code]"] = "0499370899",
        ["attribute[birth_date]"] = "1365/04/12",
        ["attribute[province]"] = (await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync()))
            .ToString(CultureInfo.InvariantCulture),
        ["attribute[mobile]"] = "09121234567",
    };

    public static Task<HttpResponseMessage> PostRequestAsync(HttpClient client, IDictionary<string, string> fields, string format = "json", string? idempotencyKey = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}") { Content = new FormUrlEncodedContent(fields) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(message);
    }
}
