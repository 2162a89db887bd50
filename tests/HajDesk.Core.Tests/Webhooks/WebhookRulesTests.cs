using System.Net;
using HajDesk.Core.Webhooks;

namespace HajDesk.Core.Tests.Webhooks;

public class WebhookRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.20.30.40", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("185.143.232.1", false)]
    [InlineData("2001:4860:4860::8888", false)]
    public void IsPrivate_KnowsLoopbackPrivateAndLinkLocalRanges(string address, bool expected) =>
        Assert.Equal(expected, WebhookRules.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData(" https://hooks.example.org/h?x=1 ", false, "https://hooks.example.org/h?x=1", null)]
    [InlineData("http://[::1]:8080/h", false, null, WebhookRules.UrlPrivate)]
    [InlineData("http://app.localhost/h", false, null, WebhookRules.UrlPrivate)]
    [InlineData("http://127.0.0.1:8080/h", true, "http://127.0.0.1:8080/h", null)]
    [InlineData("https://example.org/h#part", false, null, WebhookRules.UrlInvalid)]
    [InlineData("/relative/only", false, null, WebhookRules.UrlInvalid)]
    [InlineData("file:///etc/passwd", false, null, WebhookRules.UrlInvalid)]
    public void CheckUrl_AcceptsPublicHttpAndRefusesTheRest(string input, bool allowPrivate, string? url, string? error)
    {
        var (checkedUrl, checkedError) = WebhookRules.CheckUrl(input, allowPrivate);

        Assert.Equal(error, checkedError);
        if (url is not null)
        {
            Assert.Equal(url, checkedUrl);
        }
    }

    [Fact]
    public void Sign_IsTheDocumentedExample()
    {
        // The example of docs/api.md («Verifying the signature»), computed there with openssl.
        const string body = """{"event":"request.answered","event_id":"0d6c2a8e-3f4b-4e9a-9a57-2b1f7c5e8d10","occurred_at":"2026-12-07T08:00:00Z","service_request":{"service_request_id":"449121888158","status":"closed","status_notes":"پاسخ کارشناس","service_name":"ثبت‌نام و نوبت تشرف","service_code":"HD-023","agency_responsible":"تهران","service_notice":"پاسخ داده شده","requested_datetime":"2026-12-01T02:23:54Z","updated_datetime":"2026-12-07T08:00:00Z","expected_datetime":"2026-12-12T20:29:59Z"}}""";

        Assert.Equal("sha256=df42add89784c411ada124c0e90370a86a23a02d93a973e148399b38f900b6af",
            WebhookRules.Sign("whsec_example-only-never-use-this-secret-0000000", 1796630405, body));
    }

    [Fact]
    public void MaskOf_IgnoresUndefinedValues_AndNewSecretsDiffer()
    {
        Assert.Equal(WebhookEvent.Answered.Bit() | WebhookEvent.Closed.Bit(),
            WebhookRules.MaskOf([WebhookEvent.Answered, WebhookEvent.Closed, WebhookEvent.Answered, (WebhookEvent)99]));
        Assert.Equal(0, WebhookRules.MaskOf([]));
        var (a, b) = (WebhookRules.NewSecret(), WebhookRules.NewSecret());
        Assert.NotEqual(a, b);
        Assert.StartsWith(WebhookRules.SecretMarker, a, StringComparison.Ordinal);
        Assert.Equal(49, a.Length);
    }
}
