using System.Net;
using System.Net.Sockets;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Webhooks;
using Microsoft.Extensions.Options;

// In the DI namespace, like the framework's own Add* methods, so Program.cs needs no using for it.
namespace Microsoft.Extensions.DependencyInjection;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Webhooks (docs/api.md): the outbox that <c>RequestNotifications</c> adds deliveries to, the secrets, the admin
    /// service and the hosted <see cref="WebhookDispatcher"/>, whose HTTP client follows no redirect, sends no cookie
    /// and — unless <c>Webhooks:AllowPrivateNetworks</c> — connects to no loopback or private address, whatever the
    /// name resolves to at the time.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.LeaseSeconds >= (2 * o.TimeoutSeconds) + 1, "Webhooks:LeaseSeconds must be more than twice Webhooks:TimeoutSeconds.")
            .ValidateOnStart();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<WebhookSecrets>();
        services.AddScoped<WebhookAdmin>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectCallback = (context, cancellationToken) => ConnectAsync(context, allowPrivate, cancellationToken),
                };
            })
            // Subscribers' addresses may carry a token in their query string: no HttpClient log line may show it.
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>Resolves the subscriber's name and connects to the first address allowed.</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || !WebhookRules.IsPrivate(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new PrivateNetworkException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
