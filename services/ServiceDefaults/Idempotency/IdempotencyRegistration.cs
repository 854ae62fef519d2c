using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.AspNetCore.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace GenderArchitecture.ServiceDefaults.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>
    /// The write contract of a service whose database is <typeparamref name="TContext"/> (its model calls
    /// <c>AddIdempotencyRecords()</c>): <see cref="IdempotentWrites{TContext}"/>, the expiry clean-up, and - when
    /// <paramref name="services"/> are given - the interceptor that applies it to every write method of them.
    /// </summary>
    public static IHostApplicationBuilder AddIdempotentWrites<TContext>(this IHostApplicationBuilder builder, params ServiceDescriptor[] services)
        where TContext : DbContext
    {
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Idempotency"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SqliteWriteQueue<TContext>>();
        builder.Services.AddScoped<IdempotentWrites<TContext>>();
        builder.Services.AddSingleton<IdempotencyCleanup<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdempotencyCleanup<TContext>>());
        if (services.Length > 0)
        {
            builder.Services.AddSingleton(new WriteMethods(services));
            builder.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<IdempotencyInterceptor<TContext>>());
        }
        return builder;
    }
}
