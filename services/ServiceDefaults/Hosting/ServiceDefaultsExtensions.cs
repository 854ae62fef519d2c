using GenderArchitecture.ServiceDefaults.Audit;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GenderArchitecture.ServiceDefaults.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>Telemetry, health checks and an injectable clock: what every process of the suite has.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// A gRPC service process: cleartext HTTP/2 for gRPC on <c>Ports:Grpc</c>, HTTP/1.1 for probes on
    /// <c>Ports:Http</c>, the rich error model, the gRPC health protocol, reflection and caller authentication.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.ConfigureServicePorts();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ExceptionInterceptor>();
            options.Interceptors.Add<AuditRefusalsInterceptor>();
            options.MaxReceiveMessageSize = 8 * 1024 * 1024;
        });
        // grpc.health.v1 reports the same checks as /health (self and the database).
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.AddSuiteAuthentication();
        builder.AddDisclosureControl();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }

    public static WebApplication MapGrpcDefaultEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>
    /// Cleartext gRPC needs an HTTP/2-only endpoint (prior knowledge); probes and curl want HTTP/1.1,
    /// so each service listens on two ports. Without configured ports Kestrel's own defaults apply.
    /// </summary>
    private static void ConfigureServicePorts(this IHostApplicationBuilder builder)
    {
        var grpcPort = builder.Configuration.GetValue<int?>("Ports:Grpc");
        var httpPort = builder.Configuration.GetValue<int?>("Ports:Http");
        var bindAll = builder.Configuration.GetValue("Ports:BindAllInterfaces", false);
        if (grpcPort is null && httpPort is null) return;

        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            void Listen(int port, HttpProtocols protocols)
            {
                if (bindAll) kestrel.ListenAnyIP(port, o => o.Protocols = protocols);
                else kestrel.ListenLocalhost(port, o => o.Protocols = protocols);
            }
            if (grpcPort is { } g) Listen(g, HttpProtocols.Http2);
            if (httpPort is { } h) Listen(h, HttpProtocols.Http1);
        });
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime", "GenderArchitecture.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(t =>
                    t.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation());

        // Export only where a collector is configured (the Aspire dashboard sets this variable).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }
}
