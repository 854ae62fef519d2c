using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using GenderArchitecture.ServiceDefaults.Audit;
using GenderArchitecture.ServiceDefaults.Auth;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenderArchitecture.ServiceDefaults.Clients;

/// <summary>Where a downstream service is and how long its calls may take (section <c>Services:{Name}</c>).</summary>
public sealed class DownstreamOptions
{
    public string Address { get; set; } = "";
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);
    public int MaxRetries { get; set; } = 2;
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Whose token an outgoing call carries.</summary>
public enum CallIdentity
{
    /// <summary>The incoming request's bearer token (the gateway acting for a user).</summary>
    ForwardCaller,
    /// <summary>This service's own identity (lookups a service makes after it has checked the user itself).</summary>
    Service,
}

public static class SuiteGrpcClients
{
    /// <summary>
    /// A typed gRPC client to another service of the suite: address from <c>Services:{name}:Address</c>, a deadline on
    /// every call, one retry layer (only for methods the proto marks idempotent, only on Unavailable, with
    /// backoff and jitter), a circuit breaker, and the caller's or the service's token. Calls for a user also carry
    /// that user's client address, for the services' audit, and the request's Idempotency-Key, which every write honours. <paramref name="clientName"/> (default: the service's name)
    /// tells apart several clients of one service; resolve them with GrpcClientFactory.CreateClient.
    /// </summary>
    public static IHttpClientBuilder AddSuiteGrpcClient<TClient>(this IHostApplicationBuilder builder, string name,
        ServiceDescriptor service, CallIdentity identity, string? clientName = null) where TClient : class
    {
        var key = clientName ?? name;
        var section = builder.Configuration.GetSection($"Services:{name}");
        var options = section.Get<DownstreamOptions>() ?? new DownstreamOptions();
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            options.Address = section.Value ?? throw new InvalidOperationException($"Services:{name}:Address is not configured.");
        }

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddKeyedSingleton(key, (sp, _) => new ResilienceInterceptor(name, service, options,
            sp.GetRequiredService<ILogger<ResilienceInterceptor>>()));

        var client = builder.Services
            .AddGrpcClient<TClient>(key, o => o.Address = new Uri(options.Address))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(2),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            })
            .AddInterceptor(InterceptorScope.Client, sp => sp.GetRequiredKeyedService<ResilienceInterceptor>(key))
            .AddInterceptor(InterceptorScope.Client, sp => new AuthorizationInterceptor(identity,
                sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<TokenIssuer>()));
        if (identity == CallIdentity.ForwardCaller)
        {
            client.AddInterceptor(InterceptorScope.Client, sp => new ClientAddressInterceptor(sp.GetRequiredService<IHttpContextAccessor>()));
            client.AddInterceptor(InterceptorScope.Client, sp => new Idempotency.IdempotencyKeyForwarding(sp.GetRequiredService<IHttpContextAccessor>()));
        }
        // A client-credentials token comes from the identity provider: fetched asynchronously, as call credentials
        // (the suite's channels are cleartext inside the deployment's network, hence the explicit opt-in).
        var auth = builder.Configuration.GetSection("Auth").Get<SuiteAuthOptions>();
        if (identity == CallIdentity.Service && auth is { UsesAuthority: true, ClientId.Length: > 0 })
        {
            client.ConfigureChannel(o => o.UnsafeUseInsecureChannelCallCredentials = true)
                .AddCallCredentials(async (_, metadata, sp) =>
                    metadata.Add("authorization", "Bearer " + await sp.GetRequiredService<TokenIssuer>().ServiceTokenAsync(CancellationToken.None)));
        }
        return client;
    }
}

/// <summary>Adds the bearer token to each outgoing call, so the callee checks the caller itself.</summary>
public sealed class AuthorizationInterceptor(CallIdentity identity, IHttpContextAccessor http, TokenIssuer issuer) : Grpc.Core.Interceptors.Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        Grpc.Core.Interceptors.ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var headers = context.Options.Headers ?? [];
        if (headers.Get("authorization") is null)
        {
            // A client-credentials service token is added as call credentials (see AddSuiteGrpcClient).
            var token = identity == CallIdentity.ForwardCaller
                ? http.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } incoming ? incoming : null
                : issuer.UsesClientCredentials ? null : "Bearer " + issuer.ServiceToken();
            if (token is not null) headers.Add("authorization", token);
        }
        return continuation(request, new(context.Method, context.Host, context.Options.WithHeaders(headers)));
    }
}
